package org.yidan.settlement.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The store's database: migrations (Flyway, {@code classpath:db/migration}, one set of SQL for H2 and PostgreSQL),
 * the dialect, and small JDBC helpers shared by the Jdbc* classes.
 */
public final class Databases {
    private Databases() {}

    /** The databases the migrations are written for. */
    public enum Dialect {
        H2, POSTGRESQL, OTHER;

        public static Dialect of(Connection c) throws SQLException {
            String name = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (name.contains("h2")) return H2;
            if (name.contains("postgres")) return POSTGRESQL;
            return OTHER;
        }
    }

    /** Brings the schema up to date. Safe to run from several instances at once (Flyway locks the history table). */
    public static void migrate(DataSource ds) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    public static Dialect dialect(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return Dialect.of(c);
        } catch (SQLException ex) {
            throw new StoreException("cannot reach the database: " + ex.getMessage(), ex);
        }
    }

    /**
     * A JDBC URL for an H2 file database at {@code file} (without the .mv.db suffix). LOCK_TIMEOUT: statements wait
     * up to 10 s for a row another transaction holds (H2's default is 1 s; JdbcLedger sets its own wait on each
     * transaction anyway). Several data sources in one JVM on the same URL share one open database.
     */
    public static String h2Url(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";LOCK_TIMEOUT=10000";
    }

    /** A unique-constraint violation (SQLState 23505 on both H2 and PostgreSQL). */
    static boolean isDuplicateKey(SQLException ex) {
        for (SQLException e = ex; e != null; e = e.getNextException()) {
            if ("23505".equals(e.getSQLState())) return true;
            if (e.getCause() instanceof SQLException c && "23505".equals(c.getSQLState())) return true;
        }
        return false;
    }

    /** Timestamps are kept to the microsecond (both databases' precision), in UTC. */
    static OffsetDateTime time(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    static Instant instant(java.sql.ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Refuses a value the column would round: at most {@code scale} decimals. */
    static BigDecimal checkScale(BigDecimal v, int scale, String what) {
        if (v == null) return null;
        if (v.stripTrailingZeros().scale() > scale) {
            throw new IllegalArgumentException(what + ": at most " + scale + " decimals: " + v.toPlainString());
        }
        return v;
    }

    /** An amount as the ledger keeps it: scale 2 (refuses more decimals rather than rounding). */
    static BigDecimal money(BigDecimal v, String what) {
        return v == null ? null : checkScale(v, 2, what).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** A unit of JDBC work on one connection. */
    @FunctionalInterface
    interface Sql<T> {
        T run(java.sql.Connection c) throws java.sql.SQLException;
    }

    /** Runs {@code body} on a connection in autocommit mode; SQL errors become a StoreException naming {@code what}. */
    static <T> T auto(DataSource ds, String what, Sql<T> body) {
        try (java.sql.Connection c = ds.getConnection()) {
            if (!c.getAutoCommit()) c.setAutoCommit(true);
            return body.run(c);
        } catch (java.sql.SQLException ex) {
            throw new StoreException(what + ": " + ex.getMessage(), ex);
        }
    }

    /** Runs {@code body} as one transaction: committed when it returns, rolled back if it throws. */
    static <T> T transaction(DataSource ds, String what, Sql<T> body) {
        try (java.sql.Connection c = ds.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) c.setAutoCommit(false);
            try {
                T result = body.run(c);
                c.commit();
                return result;
            } catch (java.sql.SQLException | RuntimeException | Error ex) {
                try {
                    c.rollback();
                } catch (java.sql.SQLException r) {
                    ex.addSuppressed(r);
                }
                throw ex;
            } finally {
                if (autoCommit) c.setAutoCommit(true);
            }
        } catch (java.sql.SQLException ex) {
            throw new StoreException(what + ": " + ex.getMessage(), ex);
        }
    }
}
