package org.yidan.settlement.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.LedgerChange;
import org.yidan.settlement.core.PoolTotals;
import org.yidan.settlement.core.SettledRecord;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.ledger.InMemoryLedger;

/**
 * The yearly ledger in a database (H2 or PostgreSQL; schema in db/migration/V1__ledger.sql), with the semantics of
 * {@link InMemoryLedger}: the totals are always the sum of the settled records' changes, a cancel subtracts exactly
 * and keeps the cancelled record with its time and reason.
 *
 * <p>{@link #locked} is one database transaction (READ COMMITTED) holding {@code SELECT ... FOR UPDATE} on the
 * person-year's row in {@code ledger_lock}: every settlement and cancel of that person and year, from this instance
 * or another one on the same database, waits for it. The connection is bound to the calling thread while
 * {@code work} runs, so {@link #get}, {@link #settled}, {@link #settledFor}, {@link #commit} and {@link #cancel}
 * called inside it read and write in that transaction; a nested {@code locked} joins it. Any exception rolls the
 * whole transaction back and is rethrown. Outside {@code locked}, reads use a short connection of their own, and
 * {@code commit}/{@code cancel} run in a transaction of their own that locks the record's person-year. Inside a unit
 * of work (Databases.inUnit) on the same DataSource, all of this happens in the unit's transaction instead.
 *
 * <p>A transaction waits at most {@code lockWait} (default 10 s) for a person-year another one holds. Database
 * errors, a lock wait that runs out among them, surface as {@link StoreException}.
 */
public final class JdbcLedger implements Ledger, LedgerHistory {

    private static final TypeReference<List<LedgerChange>> CHANGES = new TypeReference<>() {};

    /** How long a settlement waits for another one holding the same person-year, by default. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(10);

    private final DataSource ds;
    private final Clock clock;
    private final Duration lockWait;
    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    private volatile Databases.Dialect dialect;
    /** The lock wait (ms) last set on each H2 physical connection's session, by any ledger (see {@link #setLockWait}). */
    private static final Map<Connection, Long> H2_LOCK_WAIT = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** The transaction bound to a thread inside {@link #locked}: its connection and the person-years it locks. */
    private static final class Tx {
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
    }

    @FunctionalInterface
    private interface Sql<T> {
        T run(Connection c) throws SQLException;
    }

    /** @param clock the service's clock: the source of settled_at and cancelled_at */
    public JdbcLedger(DataSource ds, Clock clock) {
        this(ds, clock, DEFAULT_LOCK_WAIT);
    }

    /**
     * @param clock    the source of settled_at and cancelled_at
     * @param lockWait how long {@link #locked} waits for the person-year before it fails with a StoreException (set
     *                 on each transaction: H2 {@code SET LOCK_TIMEOUT}, whose default of 1 s is short when a
     *                 person's visits queue up; PostgreSQL {@code SET LOCAL lock_timeout}, by default unlimited)
     */
    public JdbcLedger(DataSource ds, Clock clock, Duration lockWait) {
        this.ds = ds;
        this.clock = clock;
        this.lockWait = lockWait;
    }

    // ---------------------------------------------------------------------------------------------- transactions

    @Override
    public <T> T locked(String psnNo, int year, Supplier<T> work) {
        Tx outer = current.get();
        if (outer != null) {
            inTx(outer, c -> lock(outer, psnNo, year));
            return work.get();
        }
        Databases.Unit unit = Databases.unit(ds);
        if (unit != null) return lockedInUnit(unit, psnNo, year, work);
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
            c.commit();
        } catch (SQLException ex) {
            rollback(c, ex);
            throw new StoreException("ledger: " + ex.getMessage(), ex);
        } catch (RuntimeException | Error ex) {
            rollback(c, ex);
            throw ex;
        } finally {
            current.remove();
            try {
                if (autoCommit) c.setAutoCommit(true);
                if (isolation != Connection.TRANSACTION_READ_COMMITTED) c.setTransactionIsolation(isolation);
            } catch (SQLException ignored) {
                // the connection is closed (and the pool discards it) below
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to do
            }
        }
        DurableCommits.await(ds);   // in the database's file before the caller tells anyone
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

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException ex) {
            cause.addSuppressed(ex);
        }
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
    private boolean lock(Tx tx, String psnNo, int year) throws SQLException {
        String key = psnNo + '\u0000' + year;
        if (tx.locked.contains(key)) return false;
        Connection c = tx.c;
        if (selectForUpdate(c, psnNo, year)) return tx.locked.add(key);
        Savepoint sp = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_lock (psn_no, setl_year) VALUES (?, ?)")) {
            ps.setString(1, psnNo);
            ps.setInt(2, year);
            ps.executeUpdate();
            c.releaseSavepoint(sp);
        } catch (SQLException ex) {
            if (!Databases.isDuplicateKey(ex)) throw ex;
            c.rollback(sp);
        }
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
    private <T> T read(Sql<T> body) {
        Tx tx = current.get();
        if (tx != null) return inTx(tx, body);
        return Databases.auto(ds, "ledger", body::run);   // in the thread's unit of work, if one is open
    }

    /** Runs {@code body} in the thread's transaction; a failure marks the transaction failed (see {@link #locked}). */
    private static <T> T inTx(Tx tx, Sql<T> body) {
        try {
            return body.run(tx.c);
        } catch (SQLException ex) {
            if (tx.failed == null) tx.failed = ex;
            if (tx.unit != null && tx.unit.failed == null) tx.unit.failed = ex;
            throw new StoreException("ledger: " + ex.getMessage(), ex);
        }
    }

    // ---------------------------------------------------------------------------------------------- the Ledger

    @Override
    public PoolTotals get(String psnNo, int year, String pool) {
        Tx tx = current.get();
        String key = psnNo + '\u0000' + year;
        if (tx != null && tx.locked.contains(key)) {
            // inside the lock: all of the person-year's pools in one read, then from memory
            Map<String, PoolTotals> all = tx.totals.get(key);
            if (all == null) {
                all = year(psnNo, year);
                tx.totals.put(key, all);
            }
            return all.getOrDefault(pool, PoolTotals.ZERO);
        }
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT base, paid FROM ledger_total WHERE psn_no = ? AND setl_year = ? AND pool = ?")) {
                ps.setString(1, psnNo);
                ps.setInt(2, year);
                ps.setString(3, pool);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? totals(rs) : PoolTotals.ZERO;
                }
            }
        });
    }

    @Override
    public Optional<SettledRecord> settled(String mdtrtId) {
        return read(c -> Optional.ofNullable(row(c, mdtrtId)).map(Row::record));
    }

    @Override
    public List<SettledRecord> settledFor(String psnNo, int year) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ROW_COLUMNS
                    + " FROM ledger_settled WHERE psn_no = ? AND setl_year = ? ORDER BY seq")) {
                ps.setString(1, psnNo);
                ps.setInt(2, year);
                List<SettledRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(row(rs).record());
                }
                return List.copyOf(out);
            }
        });
    }

    @Override
    public void commit(SettledRecord r) {
        commit(r, null);
    }

    @Override
    public void commit(SettledRecord r, Encounter in) {
        commit(r, in, null);
    }

    @Override
    public void commit(SettledRecord r, Encounter in, String via) {
        Tx tx = current.get();
        if (tx == null) {
            locked(r.psnNo(), r.year(), () -> {
                commit(r, in, via);
                return null;
            });
            return;
        }
        String how = via == null ? null : via.length() > 200 ? via.substring(0, 197) + "..." : via;
        // checked before anything is written: amounts the columns would round are refused
        List<LedgerChange> changes = r.changes() == null ? List.of() : r.changes();
        for (LedgerChange ch : changes) {
            Databases.money(ch.base(), "ledger change " + ch.pool() + ".base");
            Databases.money(ch.paid(), "ledger change " + ch.pool() + ".paid");
        }
        String bill = json(r.bill());
        String changesJson = json(changes);
        String input = in == null ? null : json(in);
        boolean duplicate = inTx(tx, c -> {
            lock(tx, r.psnNo(), r.year());
            // checked first, so that the usual refusal leaves the transaction usable (a failed INSERT would not)
            if (row(c, r.mdtrtId()) != null) return true;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_settled "
                    + "(mdtrt_id, psn_no, setl_year, fingerprint, bill, changes, settled_at, psn_name, input, settled_via) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, r.mdtrtId());
                ps.setString(2, r.psnNo());
                ps.setInt(3, r.year());
                ps.setString(4, r.fingerprint());
                ps.setString(5, bill);
                ps.setString(6, changesJson);
                ps.setObject(7, Databases.time(clock.instant()));
                ps.setString(8, r.bill() == null ? null : r.bill().psnName());
                ps.setString(9, input);
                ps.setString(10, how);
                ps.executeUpdate();
            } catch (SQLException ex) {
                if (!Databases.isDuplicateKey(ex)) throw ex;
                // settled at the same moment under another person-year: the transaction is failed (see locked)
                tx.failed = ex;
                return true;
            }
            forget(r.psnNo(), r.year());
            apply(c, r.psnNo(), r.year(), changes, false);
            return false;
        });
        if (duplicate) throw new IllegalStateException("already settled: " + r.mdtrtId());
    }

    @Override
    public Optional<SettledRecord> cancel(String mdtrtId, String reason) {
        Tx tx = current.get();
        if (tx == null) {
            Optional<SettledRecord> found = settled(mdtrtId);
            if (found.isEmpty()) return Optional.empty();
            // the inner call re-reads under the lock (the record may have been cancelled in between)
            return locked(found.get().psnNo(), found.get().year(), () -> cancel(mdtrtId, reason));
        }
        return inTx(tx, c -> {
            Row row = row(c, mdtrtId);
            // lock the record's person-year; having just locked it, read again: it may have changed meanwhile
            while (row != null && lock(tx, row.record.psnNo(), row.record.year())) row = row(c, mdtrtId);
            if (row == null) return Optional.<SettledRecord>empty();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_cancelled (mdtrt_id, psn_no, setl_year, "
                    + "fingerprint, bill, changes, settled_seq, settled_at, cancelled_at, reason, psn_name, input, settled_via) "
                    + "SELECT mdtrt_id, psn_no, setl_year, fingerprint, bill, changes, seq, settled_at, ?, ?, psn_name, input, "
                    + "settled_via "
                    + "FROM ledger_settled WHERE mdtrt_id = ?")) {
                ps.setObject(1, Databases.time(clock.instant()));
                if (reason == null) ps.setNull(2, Types.VARCHAR);
                else ps.setString(2, reason);
                ps.setString(3, mdtrtId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM ledger_settled WHERE mdtrt_id = ?")) {
                ps.setString(1, mdtrtId);
                if (ps.executeUpdate() != 1) throw new SQLException("settled record " + mdtrtId + " vanished under the lock");
            }
            forget(row.record.psnNo(), row.record.year());
            apply(c, row.record.psnNo(), row.record.year(), row.record.changes(), true);
            return Optional.of(row.record);
        });
    }

    /**
     * Adds (or subtracts) a record's changes to the person-year's totals. Only called with the person-year locked,
     * so update-then-insert is safe on both databases. A total that comes back to zero is deleted, as in memory.
     */
    /** The cached totals of a person-year are dropped before they change (re-read on the next get). */
    private void forget(String psnNo, int year) {
        Tx tx = current.get();
        if (tx != null) tx.totals.remove(psnNo + '\u0000' + year);
    }

    private static void apply(Connection c, String psnNo, int year, List<LedgerChange> changes, boolean subtract)
            throws SQLException {
        boolean mayReachZero = subtract;
        try (PreparedStatement up = c.prepareStatement("UPDATE ledger_total SET base = base + ?, paid = paid + ? "
                + "WHERE psn_no = ? AND setl_year = ? AND pool = ?")) {
            PreparedStatement ins = null;
            try {
                for (LedgerChange ch : changes) {
                    BigDecimal b = Databases.money(ch.base(), "base");
                    BigDecimal p = Databases.money(ch.paid(), "paid");
                    if (subtract) {
                        b = b.negate();
                        p = p.negate();
                    }
                    if (b.signum() == 0 && p.signum() == 0) continue;
                    if (b.signum() < 0 || p.signum() < 0) mayReachZero = true;
                    up.setBigDecimal(1, b);
                    up.setBigDecimal(2, p);
                    up.setString(3, psnNo);
                    up.setInt(4, year);
                    up.setString(5, ch.pool());
                    if (up.executeUpdate() == 0) {
                        if (ins == null) {
                            ins = c.prepareStatement(
                                    "INSERT INTO ledger_total (psn_no, setl_year, pool, base, paid) VALUES (?, ?, ?, ?, ?)");
                        }
                        ins.setString(1, psnNo);
                        ins.setInt(2, year);
                        ins.setString(3, ch.pool());
                        ins.setBigDecimal(4, b);
                        ins.setBigDecimal(5, p);
                        ins.executeUpdate();
                    }
                }
            } finally {
                if (ins != null) ins.close();
            }
        }
        if (mayReachZero) {
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM ledger_total WHERE psn_no = ? AND setl_year = ? AND base = 0 AND paid = 0")) {
                del.setString(1, psnNo);
                del.setInt(2, year);
                del.executeUpdate();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- more reads

    @Override
    public Optional<Origin> origin(String mdtrtId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT settled_at, settled_via FROM ledger_settled WHERE mdtrt_id = ?")) {
                ps.setString(1, mdtrtId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.<Origin>empty();
                    return Optional.of(new Origin(Databases.instant(rs, "settled_at"), rs.getString("settled_via")));
                }
            }
        });
    }

    @Override
    public Optional<Encounter> input(String mdtrtId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT input FROM ledger_settled WHERE mdtrt_id = ?")) {
                ps.setString(1, mdtrtId);
                try (ResultSet rs = ps.executeQuery()) {
                    String json = rs.next() ? rs.getString(1) : null;
                    if (json == null) return Optional.<Encounter>empty();
                    return Optional.of(Json.MAPPER.readValue(json, Encounter.class));
                } catch (JsonProcessingException ex) {
                    throw new StoreException("ledger: the stored input of " + mdtrtId + " cannot be read: " + ex.getOriginalMessage(), ex);
                }
            }
        });
    }

    /**
     * The settlements made in [from, to), in the order they were made: those still settled and those cancelled
     * since (a visit settled, cancelled and settled again in the window appears twice).
     */
    @Override
    public List<Settlement> settledBetween(Instant from, Instant to) {
        return read(c -> {
            List<Settlement> out = new ArrayList<>();
            for (String table : List.of("ledger_settled", "ledger_cancelled")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT mdtrt_id, psn_no, setl_year, fingerprint, bill, changes, "
                        + "settled_at FROM " + table + " WHERE settled_at >= ? AND settled_at < ?")) {
                    ps.setObject(1, Databases.time(from));
                    ps.setObject(2, Databases.time(to));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Settlement(record(rs), Databases.instant(rs, "settled_at"), table.equals("ledger_cancelled")));
                        }
                    }
                }
            }
            out.sort(java.util.Comparator.comparing(Settlement::settledAt));
            return List.copyOf(out);
        });
    }

    /** One person's totals for a year, pool by pool (sorted by pool). */
    public Map<String, PoolTotals> year(String psnNo, int year) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pool, base, paid FROM ledger_total WHERE psn_no = ? AND setl_year = ?")) {
                ps.setString(1, psnNo);
                ps.setInt(2, year);
                Map<String, PoolTotals> out = new TreeMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString("pool"), totals(rs));
                }
                return out;
            }
        });
    }

    /** Every (person, year, pool) total, keyed "psn/year/pool" as {@link InMemoryLedger#allTotals()}. */
    public Map<String, PoolTotals> allTotals() {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT psn_no, setl_year, pool, base, paid FROM ledger_total");
                 ResultSet rs = ps.executeQuery()) {
                Map<String, PoolTotals> out = new TreeMap<>();
                while (rs.next()) {
                    out.put(rs.getString("psn_no") + "/" + rs.getInt("setl_year") + "/" + rs.getString("pool"), totals(rs));
                }
                return out;
            }
        });
    }

    /** The cancellations of one visit, oldest first (a visit settled and cancelled twice has two). */
    @Override
    public List<InMemoryLedger.Cancelled> cancelled(String mdtrtId) {
        return cancelledWhere("mdtrt_id = ?", ps -> ps.setString(1, mdtrtId));
    }

    /** The cancellations made in [from, to), in the order they were made (e.g. one day's). */
    @Override
    public List<InMemoryLedger.Cancelled> cancelledBetween(Instant from, Instant to) {
        return cancelledWhere("cancelled_at >= ? AND cancelled_at < ?", ps -> {
            ps.setObject(1, Databases.time(from));
            ps.setObject(2, Databases.time(to));
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<InMemoryLedger.Cancelled> cancelledWhere(String where, Binder binder) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT mdtrt_id, psn_no, setl_year, fingerprint, bill, "
                    + "changes, cancelled_at, reason FROM ledger_cancelled WHERE " + where + " ORDER BY id")) {
                binder.bind(ps);
                List<InMemoryLedger.Cancelled> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new InMemoryLedger.Cancelled(record(rs), Databases.instant(rs, "cancelled_at"),
                                rs.getString("reason")));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    // ---------------------------------------------------------------------------------------------- rows

    private static final String ROW_COLUMNS = "mdtrt_id, psn_no, setl_year, fingerprint, bill, changes, seq, settled_at";

    /** A settled row: the record, its place in the settle order and when it was settled. */
    record Row(SettledRecord record, long seq, Instant settledAt) {}

    private static Row row(Connection c, String mdtrtId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ROW_COLUMNS + " FROM ledger_settled WHERE mdtrt_id = ?")) {
            ps.setString(1, mdtrtId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(record(rs), rs.getLong("seq"), Databases.instant(rs, "settled_at"));
    }

    private static SettledRecord record(ResultSet rs) throws SQLException {
        String id = rs.getString("mdtrt_id");
        try {
            return new SettledRecord(id, rs.getString("psn_no"), rs.getInt("setl_year"), rs.getString("fingerprint"),
                    Json.MAPPER.readValue(rs.getString("bill"), Bill.class),
                    Json.MAPPER.readValue(rs.getString("changes"), CHANGES));
        } catch (JsonProcessingException ex) {
            throw new StoreException("ledger: the stored bill of " + id + " cannot be read: " + ex.getOriginalMessage(), ex);
        }
    }

    private static PoolTotals totals(ResultSet rs) throws SQLException {
        return new PoolTotals(Databases.money(rs.getBigDecimal("base"), "base"), Databases.money(rs.getBigDecimal("paid"), "paid"));
    }

    private static String json(Object o) {
        try {
            return Json.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("cannot write as JSON: " + ex.getOriginalMessage(), ex);
        }
    }
}
