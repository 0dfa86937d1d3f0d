package org.yidan.settlement.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.yidan.settlement.core.PoolTotals;

/**
 * The ledger's transactions and person-year locks (for {@link JdbcLedger}, its totals and its history).
 *
 * <p>{@link #locked} is one database transaction (READ COMMITTED) holding {@code SELECT ... FOR UPDATE} on the
 * person-year's row in {@code ledger_lock}: every settlement and cancel of that person and year, from this instance
 * or another one on the same database, waits for it. The connection is bound to the calling thread while
 * {@code work} runs ({@link #current}), so the ledger's reads and writes called inside it run in that transaction; a
 * nested {@code locked} joins it. Any exception rolls the whole transaction back and is rethrown. Outside
 * {@code locked}, {@link #read} uses a short connection of its own. Inside a unit of work (Databases.inUnit) on the
 * same DataSource, all of this happens in the unit's transaction instead.
 *
 * <p>A transaction waits at most {@code lockWait} for a person-year another one holds. Database errors, a lock wait
 * that runs out among them, surface as {@link StoreException}.
 */
final class LedgerTransactions {

    private final DataSource ds;
    private final Duration lockWait;
    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    private volatile Databases.Dialect dialect;
    /** The lock wait (ms) last set on each H2 physical connection's session, by any ledger (see {@link #setLockWait}). */
    private static final Map<Connection, Long> H2_LOCK_WAIT = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** The transaction bound to a thread inside {@link #locked}: its connection and the person-years it locks. */
    static final class Tx {
        final Connection c;
        final Set<String> locked = new HashSet<>();
        /** Totals of the person-years this transaction holds locked, read once (nobody else can change them). */
        final Map<String, Map<String, PoolTotals>> totals = new java.util.HashMap<>();
        /** A statement that failed: PostgreSQL has aborted the transaction, so it must not look committed. */
        SQLException failed;
        /** The unit of work this transaction is part of (null: the ledger's own transaction). */
        final Databases.Unit unit;

        Tx(Connection c, Databases.Unit unit) {
            this.c = c;
            this.unit = unit;
        }

        /** The key of a person-year in {@link #locked} and {@link #totals}. */
        static String key(String psnNo, int year) {
            return psnNo + '\u0000' + year;
        }
    }

    /**
     * @param lockWait how long {@link #locked} waits for the person-year before it fails with a StoreException (set
     *                 on each transaction: H2 {@code SET LOCK_TIMEOUT}, whose default of 1 s is short when a
     *                 person's visits queue up; PostgreSQL {@code SET LOCAL lock_timeout}, by default unlimited)
     */
    LedgerTransactions(DataSource ds, Duration lockWait) {
        this.ds = ds;
        this.lockWait = lockWait;
    }

    /** The transaction bound to the calling thread, or null outside {@link #locked}. */
    Tx current() {
        return current.get();
    }

    /** Runs {@code work} with the person-year locked, in one transaction (see the class comment). */
    <T> T locked(String psnNo, int year, Supplier<T> work) {
        Tx outer = current.get();
        if (outer != null) {
            inTx(outer, c -> lock(outer, psnNo, year));
            return work.get();
        }
        Databases.Unit unit = Databases.unit(ds);
        if (unit != null) return lockedInUnit(unit, psnNo, year, work);
        T result = ownTransaction(psnNo, year, work);
        DurableCommits.await(ds);   // in the database's file before the caller tells anyone
        return result;
    }

    private <T> T ownTransaction(String psnNo, int year, Supplier<T> work) {
        Connection c;
        try {
            c = ds.getConnection();
        } catch (SQLException ex) {
            throw new StoreException("ledger: no connection: " + ex.getMessage(), ex);
        }
        Tx tx = new Tx(c, null);
        T result;
        boolean autoCommit = true;
        int isolation = Connection.TRANSACTION_READ_COMMITTED;
        try {
            autoCommit = c.getAutoCommit();
            isolation = c.getTransactionIsolation();
            // READ COMMITTED: each statement sees what was committed before it, so the reads after the lock see
            // the previous holder's writes (a snapshot taken earlier, as REPEATABLE READ would, would not).
            if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            if (autoCommit) c.setAutoCommit(false);
            current.set(tx);
            setLockWait(c);
            lock(tx, psnNo, year);
            result = work.get();
            if (tx.failed != null) {
                // work caught a failure and went on: on PostgreSQL the transaction is aborted (COMMIT would
                // silently roll back); on H2 it would commit a partial unit. Neither is a settlement.
                throw new StoreException("ledger: a statement in this transaction failed, so it was rolled back: "
                        + tx.failed.getMessage(), tx.failed);
            }
            DurableCommits.commit(ds, c);   // no checkpoint cuts it
        } catch (SQLException ex) {
            Databases.rollback(c, ex);
            throw new StoreException("ledger: " + ex.getMessage(), ex);
        } catch (RuntimeException | Error ex) {
            Databases.rollback(c, ex);
            throw ex;
        } finally {
            current.remove();
            Databases.release(c, autoCommit, isolation);   // a broken connection is closed and the pool discards it
        }
        return result;
    }

    /**
     * {@link #locked} inside the thread's unit of work (Databases.inUnit): the person-year is locked in the unit's
     * transaction, which commits (or rolls back) the settlement together with the rest of the unit.
     */
    private <T> T lockedInUnit(Databases.Unit unit, String psnNo, int year, Supplier<T> work) {
        Tx tx = new Tx(unit.c, unit);
        current.set(tx);
        try {
            inTx(tx, c -> {
                setLockWait(c);
                return lock(tx, psnNo, year);
            });
            T result = work.get();
            if (tx.failed != null) {
                throw new StoreException("ledger: a statement in this transaction failed, so it is rolled back: "
                        + tx.failed.getMessage(), tx.failed);
            }
            return result;
        } finally {
            current.remove();
        }
    }

    /**
     * The lock wait for this transaction. PostgreSQL: {@code SET LOCAL}, for this transaction only. H2: the setting
     * is the session's and stays with the pooled physical connection, so it is set once per connection: every H2
     * {@code SET} statement also empties the query cache of every session in the database (H2 2.3 Set.update), and
     * one per transaction had each statement parsed again.
     */
    private void setLockWait(Connection c) throws SQLException {
        Databases.Dialect d = dialect;
        if (d == null) dialect = d = Databases.Dialect.of(c);
        long ms = Math.max(1, lockWait.toMillis());
        String sql = switch (d) {
            case H2 -> "SET LOCK_TIMEOUT " + ms;
            case POSTGRESQL -> "SET LOCAL lock_timeout = " + ms;
            case OTHER -> null;
        };
        if (sql == null) return;
        Connection physical = d == Databases.Dialect.H2 ? c.unwrap(Connection.class) : null;
        if (physical != null && Long.valueOf(ms).equals(H2_LOCK_WAIT.get(physical))) return;
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
        if (physical != null) H2_LOCK_WAIT.put(physical, ms);
    }

    /**
     * Locks the person-year in the transaction: ensures its ledger_lock row exists and holds it FOR UPDATE until
     * the transaction ends. Returns false when this transaction held it already.
     *
     * <p>The row is inserted the first time a person-year settles. Two transactions may both find it missing: both
     * insert, the second waits on the primary key until the first commits and then fails with a duplicate key
     * (SQLState 23505 on both databases); it rolls back to the savepoint taken before the insert (PostgreSQL aborts
     * the whole transaction otherwise) and takes the now committed row FOR UPDATE, waiting for the first to finish.
     */
    boolean lock(Tx tx, String psnNo, int year) throws SQLException {
        String key = Tx.key(psnNo, year);
        if (tx.locked.contains(key)) return false;
        Connection c = tx.c;
        if (selectForUpdate(c, psnNo, year)) return tx.locked.add(key);
        Savepoint sp = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_lock (psn_no, setl_year) VALUES (?, ?)")) {
            ps.setString(1, psnNo);
            ps.setInt(2, year);
            ps.executeUpdate();
            c.releaseSavepoint(sp);
            // a row this transaction inserted is locked by it until it ends (H2 and PostgreSQL alike)
            return tx.locked.add(key);
        } catch (SQLException ex) {
            if (!Databases.isDuplicateKey(ex)) throw ex;
            c.rollback(sp);
        }
        // inserted meanwhile by another transaction, now committed: lock it as it is
        if (!selectForUpdate(c, psnNo, year)) {
            throw new SQLException("ledger_lock row for " + psnNo + "/" + year + " vanished");
        }
        return tx.locked.add(key);
    }

    private static boolean selectForUpdate(Connection c, String psnNo, int year) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT psn_no FROM ledger_lock WHERE psn_no = ? AND setl_year = ? FOR UPDATE")) {
            ps.setString(1, psnNo);
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Runs {@code body} on the thread's transaction, or on a short connection of its own outside {@link #locked}. */
    <T> T read(Databases.Sql<T> body) {
        Tx tx = current.get();
        if (tx != null) return inTx(tx, body);
        return Databases.auto(ds, "ledger", body);   // in the thread's unit of work, if one is open
    }

    /** Runs {@code body} in the thread's transaction; a failure marks the transaction failed (see {@link #locked}). */
    static <T> T inTx(Tx tx, Databases.Sql<T> body) {
        try {
            return body.run(tx.c);
        } catch (SQLException ex) {
            if (tx.failed == null) tx.failed = ex;
            if (tx.unit != null && tx.unit.failed == null) tx.unit.failed = ex;
            throw new StoreException("ledger: " + ex.getMessage(), ex);
        }
    }
}
