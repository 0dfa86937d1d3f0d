package org.yidan.settlement.app;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yidan.settlement.store.Databases;
import org.yidan.settlement.config.ChannelSettings;

/**
 * A clean death (issue 10): an embedded H2 database that cannot be used any more (its file lost, unreadable, or closed
 * and not reopening) leaves a process that answers nothing but errors. Every few seconds the service reads its own
 * schema ({@code message_log}); after {@code failures} checks in a row fail, it logs why and exits (status 3) so that its
 * supervisor (systemd, see the README) starts it again, or says at start what is wrong. A check that fails once (the
 * pool reconnecting after H2 closed, a long transaction) is only logged. PostgreSQL may come back on its own: /health
 * says DOWN (503) meanwhile, and the service goes on trying, so the watchdog runs for H2 only.
 */
@Context
public class DatabaseWatchdog {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseWatchdog.class);

    private final DataSource ds;
    private final int failures;
    private int failedInARow;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "database-watchdog");
        t.setDaemon(true);
        return t;
    });

    DatabaseWatchdog(DataSource ds, ChannelSettings.Watchdog settings) {
        this.ds = ds;
        this.failures = settings.failures();
        int seconds = settings.seconds();
        boolean h2 = Databases.dialect(ds) == Databases.Dialect.H2;
        if (h2 && seconds > 0) timer.scheduleWithFixedDelay(this::check, seconds, seconds, TimeUnit.SECONDS);
    }

    private void check() {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT 1 FROM message_log WHERE 1 = 0");
            failedInARow = 0;
        } catch (SQLException | RuntimeException ex) {
            failedInARow++;
            LOG.warn("database check {} of {} failed: {}", failedInARow, failures, ex.getMessage());
            if (failedInARow >= failures) {
                LOG.error("the database cannot be used ({} checks in a row failed: {}): the service exits so that its supervisor "
                        + "starts it again", failedInARow, ex.getMessage());
                Runtime.getRuntime().halt(3);
            }
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
