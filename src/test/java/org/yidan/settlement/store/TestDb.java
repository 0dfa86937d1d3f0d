package org.yidan.settlement.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, migrated database for one test, on H2 (a file in the test's temp dir) or on PostgreSQL (a new database
 * in the embedded server). {@link #dataSource} opens another pool on the same database, like another service
 * instance; {@link #close} closes them all.
 */
final class TestDb implements AutoCloseable {

    /** The two databases every store test runs against. */
    enum Kind { H2, POSTGRESQL }

    /**
     * Starts one embedded PostgreSQL for the whole test run (a few seconds) and keeps it in JUnit's root store,
     * which closes it when the run ends. Classes that use {@link Kind#POSTGRESQL} are annotated with this.
     */
    static final class Pg implements BeforeAllCallback {
        private static volatile EmbeddedPostgres pg;

        @Override
        public void beforeAll(ExtensionContext context) {
            pg = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(EmbeddedPostgres.class, k -> start(), EmbeddedPostgres.class);
        }

        private static EmbeddedPostgres start() {
            try {
                return EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "100")
                        .start();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        static EmbeddedPostgres get() {
            if (pg == null) throw new IllegalStateException("annotate the test class with @ExtendWith(TestDb.Pg.class)");
            return pg;
        }
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();

    final Kind kind;
    private final String url;
    private final List<HikariDataSource> pools = new ArrayList<>();

    private TestDb(Kind kind, String url) {
        this.kind = kind;
        this.url = url;
    }

    private static String pgTemplate;

    /**
     * A new database, migrated. {@code dir}: where the H2 file goes. On PostgreSQL the migrations run once, on a
     * template database, and each test gets a copy of it (CREATE DATABASE ... TEMPLATE).
     */
    static TestDb create(Kind kind, Path dir) {
        if (kind == Kind.H2) {
            TestDb db = new TestDb(kind, Databases.h2Url(dir.resolve("store-" + COUNTER.incrementAndGet())));
            Databases.migrate(db.dataSource(2));   // Flyway uses two connections
            return db;
        }
        String name = "store_" + COUNTER.incrementAndGet();
        pgExecute("CREATE DATABASE " + name + " TEMPLATE " + pgTemplate());
        return new TestDb(kind, Pg.get().getJdbcUrl("postgres", name));
    }

    private static synchronized String pgTemplate() {
        if (pgTemplate == null) {
            pgExecute("CREATE DATABASE store_template");
            // not pooled: no connection may stay open on a template database
            Databases.migrate(Pg.get().getDatabase("postgres", "store_template"));
            pgTemplate = "store_template";
        }
        return pgTemplate;
    }

    private static void pgExecute(String sql) {
        try (Connection c = Pg.get().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException ex) {
            throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
        }
    }

    /** Another connection pool on this database. */
    DataSource dataSource(int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        if (kind == Kind.POSTGRESQL) cfg.setUsername("postgres");
        cfg.setMaximumPoolSize(poolSize);
        cfg.setMinimumIdle(1);
        cfg.setPoolName(kind + "-" + COUNTER.incrementAndGet());
        HikariDataSource ds = new HikariDataSource(cfg);
        synchronized (pools) {
            pools.add(ds);
        }
        return ds;
    }

    /** Closes one pool (for H2: the last one closes the database file). */
    void close(DataSource ds) {
        ((HikariDataSource) ds).close();
    }

    @Override
    public void close() {
        synchronized (pools) {
            pools.forEach(HikariDataSource::close);
            pools.clear();
        }
    }

    @Override
    public String toString() {
        return kind.toString();
    }
}
