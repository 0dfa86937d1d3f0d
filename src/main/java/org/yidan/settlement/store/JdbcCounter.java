package org.yidan.settlement.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** What the billing counter reads beyond the ledger: visits found by number or name, and the prints of a bill. */
public final class JdbcCounter implements CounterRecords {
    private final DataSource ds;
    private final Clock clock;

    public JdbcCounter(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /**
     * Visits whose number or person number is {@code q}, or whose patient's name starts with it; the most recent
     * first (settled, then cancelled, then admissions), at most {@code limit}.
     */
    @Override
    public List<Hit> search(String q, int limit) {
        String name = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return Databases.auto(ds, "counter search", c -> {
            Map<String, Hit> found = new LinkedHashMap<>();
            String[] wheres = {"mdtrt_id = ?", "psn_no = ?", "psn_name LIKE ? ESCAPE '\\'"};
            // table, newest first, status: a visit settled now is found before its cancelled settlements
            String[][] billed = {{"ledger_settled", "seq DESC", "settled"}, {"ledger_cancelled", "id DESC", "cancelled"}};
            for (String[] t : billed) {
                for (String where : wheres) {
                    String arg = where.startsWith("psn_name") ? name : q;
                    select(c, "SELECT mdtrt_id, psn_no, psn_name, bill FROM " + t[0] + " WHERE " + where + " ORDER BY " + t[1],
                            arg, limit, rs -> found.putIfAbsent(rs.getString(1),
                                    new Hit(rs.getString(1), rs.getString(2), rs.getString(3), t[2], rs.getString(4), null)));
                }
            }
            for (String where : wheres) {
                String arg = where.startsWith("psn_name") ? name : q;
                select(c, "SELECT mdtrt_id, psn_no, psn_name, detail, cancelled FROM visit_admission WHERE " + where
                        + " ORDER BY recorded_at DESC", arg, limit, rs -> {
                    String id = rs.getString(1);
                    Hit h = found.get(id);
                    if (h != null) found.put(id, new Hit(id, h.psnNo(), h.psnName() != null ? h.psnName() : rs.getString(3),
                            h.status(), h.bill(), rs.getString(4)));
                    else found.put(id, new Hit(id, rs.getString(2), rs.getString(3),
                            rs.getBoolean(5) ? "admission_cancelled" : "admitted", null, rs.getString(4)));
                });
            }
            List<Hit> out = new ArrayList<>(found.values());
            return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
        });
    }

    @FunctionalInterface
    private interface RowSink {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void select(java.sql.Connection c, String sql, String arg, int limit, RowSink sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) sink.accept(rs);
            }
        }
    }

    /** Records a print of a visit's bill. */
    @Override
    public Print recordPrint(String mdtrtId, String by) {
        for (int attempt = 0; ; attempt++) {
            try {
                return Databases.write(ds, "bill prints", c -> {
                    int next = prints(c, mdtrtId) + 1;
                    Instant at = clock.instant();
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO bill_print (mdtrt_id, print_no, printed_at, "
                            + "printed_by) VALUES (?, ?, ?, ?)")) {
                        ps.setString(1, mdtrtId);
                        ps.setInt(2, next);
                        ps.setObject(3, Databases.time(at));
                        ps.setString(4, by);
                        ps.executeUpdate();
                    }
                    return new Print(next, at);
                });
            } catch (StoreException ex) {
                // two prints of one bill at the same moment: the second takes the next number
                if (attempt >= 3 || !(ex.getCause() instanceof SQLException sql && Databases.isDuplicateKey(sql))) throw ex;
            }
        }
    }

    /** How many times the visit's bill has been printed. */
    @Override
    public int prints(String mdtrtId) {
        return Databases.auto(ds, "bill prints", c -> prints(c, mdtrtId));
    }

    private static int prints(java.sql.Connection c, String mdtrtId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(print_no), 0) FROM bill_print WHERE mdtrt_id = ?")) {
            ps.setString(1, mdtrtId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
