package org.yidan.settlement.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yidan.settlement.core.LedgerChange;
import org.yidan.settlement.core.PoolTotals;
import org.yidan.settlement.ledger.InMemoryLedger;

/**
 * The ledger's running totals (table ledger_total, one row per person, year and pool) for {@link JdbcLedger}: read,
 * cached per locked person-year inside a transaction, and changed by a settled or cancelled record.
 */
final class LedgerTotals {

    private final LedgerTransactions transactions;

    LedgerTotals(LedgerTransactions transactions) {
        this.transactions = transactions;
    }

    /** One pool's totals of a person-year (zero when it has none). */
    PoolTotals get(String psnNo, int year, String pool) {
        LedgerTransactions.Tx tx = transactions.current();
        String key = LedgerTransactions.Tx.key(psnNo, year);
        if (tx != null && tx.locked.contains(key)) {
            // inside the lock: all of the person-year's pools in one read, then from memory
            Map<String, PoolTotals> all = tx.totals.get(key);
            if (all == null) {
                all = year(psnNo, year);
                tx.totals.put(key, all);
            }
            return all.getOrDefault(pool, PoolTotals.ZERO);
        }
        return transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT base, paid FROM ledger_total WHERE psn_no = ? AND setl_year = ? AND pool = ?")) {
                ps.setString(1, psnNo);
                ps.setInt(2, year);
                ps.setString(3, pool);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? LedgerRows.totals(rs) : PoolTotals.ZERO;
                }
            }
        });
    }

    /** One person's totals for a year, pool by pool (sorted by pool). */
    Map<String, PoolTotals> year(String psnNo, int year) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pool, base, paid FROM ledger_total WHERE psn_no = ? AND setl_year = ?")) {
                ps.setString(1, psnNo);
                ps.setInt(2, year);
                Map<String, PoolTotals> out = new TreeMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString("pool"), LedgerRows.totals(rs));
                }
                return out;
            }
        });
    }

    /** Every (person, year, pool) total, keyed "psn/year/pool" as {@link InMemoryLedger#allTotals()}. */
    Map<String, PoolTotals> all() {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT psn_no, setl_year, pool, base, paid FROM ledger_total");
                 ResultSet rs = ps.executeQuery()) {
                Map<String, PoolTotals> out = new TreeMap<>();
                while (rs.next()) {
                    out.put(rs.getString("psn_no") + "/" + rs.getInt("setl_year") + "/" + rs.getString("pool"),
                            LedgerRows.totals(rs));
                }
                return out;
            }
        });
    }

    /**
     * The pools the person-year has, as read in this transaction under its lock (null when not read): with the lock
     * held no other transaction adds one, so {@link #apply} inserts the others without trying an update first.
     */
    java.util.Set<String> pools(String psnNo, int year) {
        LedgerTransactions.Tx tx = transactions.current();
        String key = LedgerTransactions.Tx.key(psnNo, year);
        if (tx == null || !tx.locked.contains(key)) return null;
        Map<String, PoolTotals> all = tx.totals.get(key);
        return all == null ? null : new java.util.HashSet<>(all.keySet());
    }

    /** The cached totals of a person-year are dropped before they change (re-read on the next get). */
    void forget(String psnNo, int year) {
        LedgerTransactions.Tx tx = transactions.current();
        if (tx != null) tx.totals.remove(LedgerTransactions.Tx.key(psnNo, year));
    }

    /**
     * Adds (or subtracts) a record's changes to the person-year's totals. Only called with the person-year locked,
     * so update-then-insert is safe on both databases. A total that comes back to zero is deleted, as in memory.
     */
    static void apply(Connection c, String psnNo, int year, List<LedgerChange> changes, boolean subtract)
            throws SQLException {
        apply(c, psnNo, year, changes, subtract, null);
    }

    /**
     * As {@link #apply(Connection, String, int, List, boolean)}; {@code known}: the pools the person-year has (from
     * {@link #pools}; null when unknown): a pool not among them is inserted at once.
     */
    static void apply(Connection c, String psnNo, int year, List<LedgerChange> changes, boolean subtract,
                      java.util.Set<String> known) throws SQLException {
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
                    boolean isNew = known != null && known.add(ch.pool());
                    if (!isNew) {
                        up.setBigDecimal(1, b);
                        up.setBigDecimal(2, p);
                        up.setString(3, psnNo);
                        up.setInt(4, year);
                        up.setString(5, ch.pool());
                    }
                    if (isNew || up.executeUpdate() == 0) {
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
}
