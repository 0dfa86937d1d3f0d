package org.yidan.settlement.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
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
 * person-year's row in {@code ledger_lock} ({@link LedgerTransactions}): every settlement and cancel of that person
 * and year, from this instance or another one on the same database, waits for it. {@link #get}, {@link #settled},
 * {@link #settledFor}, {@link #commit} and {@link #cancel} called inside it read and write in that transaction; a
 * nested {@code locked} joins it. Any exception rolls the whole transaction back and is rethrown. Outside
 * {@code locked}, reads use a short connection of their own, and {@code commit}/{@code cancel} run in a transaction
 * of their own that locks the record's person-year. Inside a unit of work (Databases.inUnit) on the same DataSource,
 * all of this happens in the unit's transaction instead.
 *
 * <p>The running totals are {@link LedgerTotals}; the history for 对账 ({@link LedgerHistory}) is
 * {@link JdbcLedgerHistory}, in the same transactions.
 *
 * <p>A transaction waits at most {@code lockWait} (default 10 s) for a person-year another one holds. Database
 * errors, a lock wait that runs out among them, surface as {@link StoreException}.
 */
public final class JdbcLedger implements Ledger, LedgerHistory {

    /** How long a settlement waits for another one holding the same person-year, by default. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(10);

    private final Clock clock;
    private final LedgerTransactions transactions;
    private final LedgerTotals totals;
    private final LedgerHistory history;

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
        this.clock = clock;
        this.transactions = new LedgerTransactions(ds, lockWait);
        this.totals = new LedgerTotals(transactions);
        this.history = new JdbcLedgerHistory(transactions);
    }

    @Override
    public <T> T locked(String psnNo, int year, Supplier<T> work) {
        return transactions.locked(psnNo, year, work);
    }

    // ---------------------------------------------------------------------------------------------- the Ledger

    @Override
    public PoolTotals get(String psnNo, int year, String pool) {
        return totals.get(psnNo, year, pool);
    }

    @Override
    public Optional<SettledRecord> settled(String mdtrtId) {
        return transactions.read(c -> Optional.ofNullable(row(c, mdtrtId)).map(LedgerRows.Row::record));
    }

    @Override
    public List<SettledRecord> settledFor(String psnNo, int year) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerRows.ROW_COLUMNS
                    + " FROM ledger_settled WHERE psn_no = ? AND setl_year = ? ORDER BY seq")) {
                ps.setString(1, psnNo);
                ps.setInt(2, year);
                List<SettledRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(LedgerRows.row(rs).record());
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
        LedgerTransactions.Tx tx = transactions.current();
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
        String bill = Json.write(r.bill());
        String changesJson = Json.write(changes);
        String input = in == null ? null : StoredInput.write(in);
        boolean duplicate = LedgerTransactions.inTx(tx, c -> {
            transactions.lock(tx, r.psnNo(), r.year());
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
            java.util.Set<String> known = totals.pools(r.psnNo(), r.year());
            totals.forget(r.psnNo(), r.year());
            LedgerTotals.apply(c, r.psnNo(), r.year(), changes, false, known);
            return false;
        });
        if (duplicate) throw new IllegalStateException("already settled: " + r.mdtrtId());
    }

    @Override
    public Optional<SettledRecord> cancel(String mdtrtId, String reason) {
        LedgerTransactions.Tx tx = transactions.current();
        if (tx == null) {
            Optional<SettledRecord> found = settled(mdtrtId);
            if (found.isEmpty()) return Optional.empty();
            // the inner call re-reads under the lock (the record may have been cancelled in between)
            return locked(found.get().psnNo(), found.get().year(), () -> cancel(mdtrtId, reason));
        }
        return LedgerTransactions.inTx(tx, c -> {
            LedgerRows.Row row = row(c, mdtrtId);
            // lock the record's person-year; having just locked it, read again: it may have changed meanwhile
            while (row != null && transactions.lock(tx, row.record().psnNo(), row.record().year())) row = row(c, mdtrtId);
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
            totals.forget(row.record().psnNo(), row.record().year());
            LedgerTotals.apply(c, row.record().psnNo(), row.record().year(), row.record().changes(), true);
            return Optional.of(row.record());
        });
    }

    // ---------------------------------------------------------------------------------------------- more reads

    @Override
    public Optional<Origin> origin(String mdtrtId) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT settled_at, settled_via, seq FROM ledger_settled WHERE mdtrt_id = ?")) {
                ps.setString(1, mdtrtId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.<Origin>empty();
                    return Optional.of(new Origin(Databases.instant(rs, "settled_at"), rs.getString("settled_via"), rs.getLong("seq")));
                }
            }
        });
    }

    @Override
    public Optional<Encounter> input(String mdtrtId) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT input FROM ledger_settled WHERE mdtrt_id = ?")) {
                ps.setString(1, mdtrtId);
                try (ResultSet rs = ps.executeQuery()) {
                    String json = rs.next() ? rs.getString(1) : null;
                    if (json == null) return Optional.<Encounter>empty();
                    return Optional.of(StoredInput.read(json, c, mdtrtId));
                } catch (JsonProcessingException ex) {
                    throw new StoreException("ledger: the stored input of " + mdtrtId + " cannot be read: " + ex.getOriginalMessage(), ex);
                }
            }
        });
    }

    /** One person's totals for a year, pool by pool (sorted by pool). */
    @Override
    public Map<String, PoolTotals> year(String psnNo, int year) {
        return totals.year(psnNo, year);
    }

    /** Every (person, year, pool) total, keyed "psn/year/pool" as {@link InMemoryLedger#allTotals()}. */
    public Map<String, PoolTotals> allTotals() {
        return totals.all();
    }

    // ---------------------------------------------------------------------------------------------- history

    @Override
    public List<Settlement> settledBetween(Instant from, Instant to) {
        return history.settledBetween(from, to);
    }

    @Override
    public long[] counts(Instant from, Instant to) {
        return history.counts(from, to);
    }

    @Override
    public List<InMemoryLedger.Cancelled> cancelled(String mdtrtId) {
        return history.cancelled(mdtrtId);
    }

    @Override
    public List<InMemoryLedger.Cancelled> cancelledBetween(Instant from, Instant to) {
        return history.cancelledBetween(from, to);
    }

    // ---------------------------------------------------------------------------------------------- rows

    private static LedgerRows.Row row(Connection c, String mdtrtId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerRows.ROW_COLUMNS + " FROM ledger_settled WHERE mdtrt_id = ?")) {
            ps.setString(1, mdtrtId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? LedgerRows.row(rs) : null;
            }
        }
    }
}
