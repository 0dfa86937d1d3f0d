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
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";LOCK_TIMEOUT=10000;RETENTION_TIME=1000";
    }

    /**
     * On H2: the commits made durable and the checkpoints (file writes) that did it, since start; several commits share
     * a checkpoint (store.DurableCommits). Zero on PostgreSQL, which makes its own commits durable.
     */
    public record Durability(long commits, long checkpoints) {}

    public static Durability durability(DataSource ds) {
        return DurableCommits.counts(ds);
    }

    /** Binds a statement's parameters. */
    interface Binder {
        void bind(java.sql.PreparedStatement ps) throws SQLException;
    }

    /**
     * Inserts a row (the usual case: one statement), else updates it: the row was sent again, or two first saves ran at
     * once and the loser's insert failed on the key. Both statements take the same parameters, bound by {@code bind};
     * the failed insert is rolled back to a savepoint, so the transaction (or the thread's unit) goes on.
     */
    static void insertElseUpdate(java.sql.Connection c, String insert, String update, Binder bind) throws SQLException {
        java.sql.Savepoint sp = c.setSavepoint();
        try (java.sql.PreparedStatement ps = c.prepareStatement(insert)) {
            bind.bind(ps);
            ps.executeUpdate();
            c.releaseSavepoint(sp);
        } catch (SQLException ex) {
            if (!isDuplicateKey(ex)) throw ex;
            c.rollback(sp);
            try (java.sql.PreparedStatement ps = c.prepareStatement(update)) {
                bind.bind(ps);
                ps.executeUpdate();
            }
        }
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

    /**
     * A unit of work: one transaction on one connection, bound to the calling thread while it runs. Every Jdbc* store
     * on the same DataSource joins it (the ledger's person-year locks included), so what a message changes and the
     * answer recorded for it commit together or not at all.
     */
    static final class Unit {
        final DataSource ds;
        final java.sql.Connection c;
        /** A statement that failed outside a savepoint: the transaction must not commit (PostgreSQL has aborted it). */
        java.sql.SQLException failed;
        /** What to do once the unit has committed (e.g. count what it recorded). */
        final java.util.List<Runnable> afterCommit = new java.util.ArrayList<>(1);

        Unit(DataSource ds, java.sql.Connection c) {
            this.ds = ds;
            this.c = c;
        }
    }

    private static final ThreadLocal<Unit> UNIT = new ThreadLocal<>();

    /** The calling thread's unit of work on {@code ds}, or null. */
    static Unit unit(DataSource ds) {
        Unit u = UNIT.get();
        return u != null && u.ds == ds ? u : null;
    }

    /**
     * Runs {@code work} as one unit of work on {@code ds} (READ COMMITTED): committed when it returns, rolled back if it
     * throws or if a statement in it failed. Inside a unit on the same DataSource it joins that unit.
     */
    public static <T> T inUnit(DataSource ds, String what, java.util.function.Supplier<T> work) {
        if (unit(ds) != null) return work.get();
        if (UNIT.get() != null) throw new IllegalStateException("a unit of work on another database is open on this thread");
        java.sql.Connection c;
        try {
            c = ds.getConnection();
        } catch (java.sql.SQLException ex) {
            throw new StoreException(what + ": no connection: " + ex.getMessage(), ex);
        }
        Unit u = new Unit(ds, c);
        DurableCommits.begin(ds);   // a checkpoint about to start waits a little for this unit's commit
        T result;
        try {
            result = runUnit(u, what, work);
        } catch (RuntimeException | Error ex) {
            DurableCommits.abandon(ds);
            throw ex;
        }
        DurableCommits.awaitUnit(ds);   // in the file before anyone is told
        for (Runnable r : u.afterCommit) r.run();
        return result;
    }

    private static <T> T runUnit(Unit u, String what, java.util.function.Supplier<T> work) {
        java.sql.Connection c = u.c;
        T result;
        boolean autoCommit = true;
        int isolation = java.sql.Connection.TRANSACTION_READ_COMMITTED;
        try {
            autoCommit = c.getAutoCommit();
            isolation = c.getTransactionIsolation();
            if (isolation != java.sql.Connection.TRANSACTION_READ_COMMITTED) {
                c.setTransactionIsolation(java.sql.Connection.TRANSACTION_READ_COMMITTED);
            }
            if (autoCommit) c.setAutoCommit(false);
            UNIT.set(u);
            result = work.get();
            if (u.failed != null) {
                throw new StoreException(what + ": a statement failed, so nothing was kept: " + u.failed.getMessage(), u.failed);
            }
            DurableCommits.commit(u.ds, c);   // no checkpoint cuts it
        } catch (java.sql.SQLException ex) {
            rollback(c, ex);
            throw new StoreException(what + ": " + ex.getMessage(), ex);
        } catch (RuntimeException | Error ex) {
            rollback(c, ex);
            throw ex;
        } finally {
            UNIT.remove();
            release(c, autoCommit, isolation);
        }
        return result;
    }

    /** Runs {@code r} once the thread's unit of work on {@code ds} has committed (now, when there is none). */
    static void afterCommit(DataSource ds, Runnable r) {
        Unit u = unit(ds);
        if (u != null) u.afterCommit.add(r);
        else r.run();
    }

    /** Back to the savepoint: the unit goes on as it was before it (a failed rollback fails the unit). */
    private static void toSavepoint(Unit u, java.sql.Savepoint sp, Exception cause) {
        try {
            u.c.rollback(sp);
        } catch (java.sql.SQLException r) {
            cause.addSuppressed(r);
            if (u.failed == null) u.failed = r;
        }
    }

    /** Rolls the connection's transaction back; a failure to do so is kept with {@code cause}. */
    static void rollback(java.sql.Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (java.sql.SQLException ex) {
            cause.addSuppressed(ex);
        }
    }

    /**
     * Gives back a connection a transaction had: autocommit and isolation as they were before it (READ COMMITTED
     * during it), then closed.
     */
    static void release(java.sql.Connection c, boolean autoCommit, int isolation) {
        try {
            if (autoCommit) c.setAutoCommit(true);
            if (isolation != java.sql.Connection.TRANSACTION_READ_COMMITTED) c.setTransactionIsolation(isolation);
        } catch (java.sql.SQLException ignored) {
            // closed below; the pool discards a broken connection
        }
        try {
            c.close();
        } catch (java.sql.SQLException ignored) {
            // nothing more to do
        }
    }

    /**
     * Runs {@code body} on a connection in autocommit mode, or in the thread's unit of work on {@code ds} (a failure
     * then fails the unit); SQL errors become a StoreException naming {@code what}.
     */
    static <T> T auto(DataSource ds, String what, Sql<T> body) {
        Unit u = unit(ds);
        if (u != null) {
            try {
                return body.run(u.c);
            } catch (java.sql.SQLException ex) {
                if (u.failed == null) u.failed = ex;
                throw new StoreException(what + ": " + ex.getMessage(), ex);
            }
        }
        try (java.sql.Connection c = ds.getConnection()) {
            if (!c.getAutoCommit()) c.setAutoCommit(true);
            return body.run(c);
        } catch (java.sql.SQLException ex) {
            throw new StoreException(what + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Runs {@code body} as one transaction: committed when it returns, rolled back if it throws. Inside the thread's unit
     * of work on {@code ds} it is a savepoint of that unit: rolled back to it if it throws, the unit going on unharmed.
     */
    static <T> T transaction(DataSource ds, String what, Sql<T> body) {
        Unit u = unit(ds);
        if (u != null) {
            java.sql.Savepoint sp;
            try {
                sp = u.c.setSavepoint();
            } catch (java.sql.SQLException ex) {
                if (u.failed == null) u.failed = ex;
                throw new StoreException(what + ": " + ex.getMessage(), ex);
            }
            try {
                T result = body.run(u.c);
                u.c.releaseSavepoint(sp);
                return result;
            } catch (java.sql.SQLException ex) {
                toSavepoint(u, sp, ex);
                throw new StoreException(what + ": " + ex.getMessage(), ex);
            } catch (RuntimeException ex) {
                toSavepoint(u, sp, ex);
                throw ex;
            }
        }
        T result;
        try (java.sql.Connection c = ds.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) c.setAutoCommit(false);
            try {
                result = body.run(c);
                DurableCommits.commit(ds, c);   // no checkpoint cuts it
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
        DurableCommits.await(ds);
        return result;
    }

    /**
     * A write in autocommit mode (or in the thread's unit of work), durable when it returns: as {@link #auto}, then
     * {@link DurableCommits#await}.
     */
    static <T> T write(DataSource ds, String what, Sql<T> body) {
        if (unit(ds) != null) return auto(ds, what, body);
        T result;
        try (DurableCommits.Writing open = DurableCommits.writing(ds)) {   // its commit is not cut by a checkpoint
            result = auto(ds, what, body);
        }
        DurableCommits.await(ds);
        return result;
    }
}
