package org.yidan.settlement.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** The optional channels (routes/): the file drop and the outbound bill. */
public final class ChannelSettings {
    private ChannelSettings() {}

    /**
     * JSON messages dropped as files (yidan.drop).
     *
     * @param enabled DROP_ENABLED
     * @param dir     DROP_DIR
     */
    @ConfigurationProperties("yidan.drop")
    public record Drop(@Bindable(defaultValue = "false") boolean enabled, @Bindable(defaultValue = "data/inbox") String dir) {}

    /**
     * Each settled discharge's bill to the HIS over MLLP (yidan.outbound), durably queued and tried again.
     *
     * @param enabled     OUTBOUND_ENABLED
     * @param host        OUTBOUND_HOST
     * @param port        OUTBOUND_PORT
     * @param timeout     how long a connection and an answer may take (OUTBOUND_TIMEOUT)
     * @param maxAttempts sends tried before a message is a dead letter (OUTBOUND_MAX_ATTEMPTS)
     * @param retryMin    the wait after the first failure; each next wait doubles (OUTBOUND_RETRY_MIN)
     * @param retryMax    the longest wait (OUTBOUND_RETRY_MAX)
     */
    @ConfigurationProperties("yidan.outbound")
    public record Outbound(@Bindable(defaultValue = "false") boolean enabled, @Bindable(defaultValue = "localhost") String host,
                           @Bindable(defaultValue = "2576") int port, @Bindable(defaultValue = "10s") java.time.Duration timeout,
                           @Bindable(defaultValue = "10") int maxAttempts, @Bindable(defaultValue = "5s") java.time.Duration retryMin,
                           @Bindable(defaultValue = "15m") java.time.Duration retryMax) {

        /** The wait after the {@code attempts}-th failure: retryMin, doubled each time, at most retryMax. */
        public java.time.Duration backoff(int attempts) {
            java.time.Duration d = retryMin;
            for (int i = 1; i < attempts && d.compareTo(retryMax) < 0; i++) d = d.multipliedBy(2);
            return d.compareTo(retryMax) > 0 ? retryMax : d;
        }
    }

    /**
     * The database watchdog (yidan.database-watchdog): an H2 database failing {@code failures} checks in a row,
     * {@code seconds} apart, ends the process.
     */
    @ConfigurationProperties("yidan.database-watchdog")
    public record Watchdog(@Bindable(defaultValue = "5") int seconds, @Bindable(defaultValue = "6") int failures) {}
}
