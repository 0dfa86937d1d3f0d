package org.yidan.settlement.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.yidan.settlement.ledger.InMemoryLedger;

/**
 * The ledger's history in the database (for 对账, the counter): the settlements of a period from ledger_settled and
 * ledger_cancelled, and the cancellations kept in ledger_cancelled. {@link JdbcLedger} answers {@link LedgerHistory}
 * with it; its reads run in the ledger's transaction when one is open on the thread.
 */
final class JdbcLedgerHistory implements LedgerHistory {

    private final LedgerTransactions transactions;

    JdbcLedgerHistory(LedgerTransactions transactions) {
        this.transactions = transactions;
    }

    /** Counted in the database, not read. */
    @Override
    public long[] counts(Instant from, Instant to) {
        return transactions.read(c -> {
            // settled: those still settled and those cancelled since; cancelled: the cancels made in the window
            long settled = count(c, "ledger_settled", "settled_at", from, to) + count(c, "ledger_cancelled", "settled_at", from, to);
            return new long[] {settled, count(c, "ledger_cancelled", "cancelled_at", from, to)};
        });
    }

    private static long count(java.sql.Connection c, String table, String column, Instant from, Instant to) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + column + " >= ? AND " + column + " < ?")) {
            ps.setObject(1, Databases.time(from));
            ps.setObject(2, Databases.time(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The settlements made in [from, to), in the order they were made: those still settled and those cancelled
     * since (a visit settled, cancelled and settled again in the window appears twice).
     */
    @Override
    public List<Settlement> settledBetween(Instant from, Instant to) {
        return transactions.read(c -> {
            List<Settlement> out = new ArrayList<>();
            for (String table : List.of("ledger_settled", "ledger_cancelled")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT mdtrt_id, psn_no, setl_year, fingerprint, bill, changes, "
                        + "settled_at FROM " + table + " WHERE settled_at >= ? AND settled_at < ?")) {
                    ps.setObject(1, Databases.time(from));
                    ps.setObject(2, Databases.time(to));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Settlement(LedgerRows.record(rs), Databases.instant(rs, "settled_at"),
                                    table.equals("ledger_cancelled")));
                        }
                    }
                }
            }
            out.sort(java.util.Comparator.comparing(Settlement::settledAt));
            return List.copyOf(out);
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
        return transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT mdtrt_id, psn_no, setl_year, fingerprint, bill, "
                    + "changes, cancelled_at, reason FROM ledger_cancelled WHERE " + where + " ORDER BY id")) {
                binder.bind(ps);
                List<InMemoryLedger.Cancelled> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new InMemoryLedger.Cancelled(LedgerRows.record(rs), Databases.instant(rs, "cancelled_at"),
                                rs.getString("reason")));
                    }
                }
                return List.copyOf(out);
            }
        });
    }
}
