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
     * Each settled discharge's bill to the HIS over MLLP (yidan.outbound).
     *
     * @param enabled OUTBOUND_ENABLED
     * @param host    OUTBOUND_HOST
     * @param port    OUTBOUND_PORT
     */
    @ConfigurationProperties("yidan.outbound")
    public record Outbound(@Bindable(defaultValue = "false") boolean enabled, @Bindable(defaultValue = "localhost") String host,
                           @Bindable(defaultValue = "2576") int port) {}

    /**
     * The database watchdog (yidan.database-watchdog): an H2 database failing {@code failures} checks in a row,
     * {@code seconds} apart, ends the process.
     */
    @ConfigurationProperties("yidan.database-watchdog")
    public record Watchdog(@Bindable(defaultValue = "5") int seconds, @Bindable(defaultValue = "6") int failures) {}
}
