package org.yidan.settlement.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.yidan.settlement.core.ChargeClass;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.LineKind;

/**
 * Visits in progress in the database (schema in db/migration/V2__visits_and_messages.sql).
 *
 * <p>Charge lines: each message is one transaction that first records (visit, message id) in
 * {@code visit_charge_message} (unique) and then inserts its lines, so a message adds all its lines or none, and a
 * resend (same visit and message id, also when sent twice at once: the second waits on the unique key and finds it
 * taken) adds nothing. Lines come back ordered by message (as applied) and by their place in the message.
 *
 * <p>Decimals: the amount (det_item_fee_sumamt) comes back with scale 2; quantity, price, self-pay ratio and price
 * limit (up to six decimals, more is refused) come back without trailing zeros: the value is kept, not the scale it
 * was written with ({@code 0.10} comes back as {@code 0.1}).
 */
public final class JdbcVisitStore implements VisitStore {
    private final DataSource ds;
    private final Clock clock;

    /** @param clock the service's clock: when admissions and charge messages were recorded */
    public JdbcVisitStore(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    private <T> T auto(Databases.Sql<T> body) {
        return Databases.auto(ds, "visit store", body);
    }

    /** One transaction: committed when {@code body} returns, rolled back if it throws. */
    private <T> T transaction(Databases.Sql<T> body) {
        return Databases.transaction(ds, "visit store", body);
    }

    // ---------------------------------------------------------------------------------------------- admissions

    @Override
    public void saveAdmission(AdmissionRecord a) {
        BigDecimal deposit = Databases.money(a.deposit(), "deposit");
        transaction(c -> {
            // a visit's first admission; else an admission sent again
            Databases.insertElseUpdate(c, "INSERT INTO visit_admission (psn_no, detail, deposit, deposit_free, cancelled, "
                    + "recorded_at, psn_name, mdtrt_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "UPDATE visit_admission SET psn_no = ?, "
                    + "detail = ?, deposit = ?, deposit_free = ?, cancelled = ?, recorded_at = ?, psn_name = ? WHERE mdtrt_id = ?",
                    ps -> bindAdmission(ps, a, deposit));
            return null;
        });
    }

    private void bindAdmission(PreparedStatement ps, AdmissionRecord a, BigDecimal deposit) throws SQLException {
        ps.setString(1, a.psnNo());
        if (a.detail() == null) ps.setNull(2, Types.VARCHAR);
        else ps.setString(2, a.detail());
        ps.setBigDecimal(3, deposit);
        ps.setBoolean(4, a.depositFree());
        ps.setBoolean(5, a.cancelled());
        ps.setObject(6, Databases.time(a.at() == null ? clock.instant() : a.at()));
        ps.setString(7, a.psnName());
        ps.setString(8, a.mdtrtId());
    }

    @Override
    public Optional<AdmissionRecord> admission(String mdtrtId) {
        return auto(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT mdtrt_id, psn_no, detail, deposit, deposit_free, "
                    + "cancelled, recorded_at, psn_name FROM visit_admission WHERE mdtrt_id = ?")) {
                ps.setString(1, mdtrtId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new AdmissionRecord(rs.getString("mdtrt_id"), rs.getString("psn_no"),
                            rs.getString("detail"), rs.getBigDecimal("deposit"), rs.getBoolean("deposit_free"),
                            rs.getBoolean("cancelled"), Databases.instant(rs, "recorded_at"), rs.getString("psn_name")));
                }
            }
        });
    }

    @Override
    public boolean cancelAdmission(String mdtrtId) {
        return Databases.write(ds, "visit store", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE visit_admission SET cancelled = ? WHERE mdtrt_id = ?")) {
                ps.setBoolean(1, true);
                ps.setString(2, mdtrtId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    // ---------------------------------------------------------------------------------------------- charges

    @Override
    public boolean addCharges(String mdtrtId, String messageId, List<FeeLine> lines) {
        for (int i = 0; i < lines.size(); i++) check(lines.get(i), "lines[" + i + "]");
        String json = linesJson(lines);
        try {
            return transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO visit_charge_message "
                        + "(mdtrt_id, message_id, line_count, applied_at, lines_json) SELECT ?, ?, ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM visit_charge_message WHERE mdtrt_id = ? AND message_id = ?)")) {
                    ps.setString(1, mdtrtId);
                    ps.setString(2, messageId);
                    ps.setInt(3, lines.size());
                    ps.setObject(4, Databases.time(clock.instant()));
                    ps.setString(5, json);
                    ps.setString(6, mdtrtId);
                    ps.setString(7, messageId);
                    return ps.executeUpdate() > 0;   // 0: applied before, a resend
                }
            });
        } catch (StoreException ex) {
            // the same message applied at the same moment by another transaction: it won, this one is a resend
            if (ex.getCause() instanceof SQLException s && Databases.isDuplicateKey(s) && applied(mdtrtId, messageId)) {
                return false;
            }
            throw ex;
        }
    }

    private static String linesJson(List<FeeLine> lines) {
        return StoredLines.write(lines);
    }

    private static List<FeeLine> parseLines(String json) {
        List<FeeLine> raw = StoredLines.read(json);
        List<FeeLine> out = new ArrayList<>(raw.size());
        for (FeeLine l : raw) {
            // as the per-line columns gave them: amounts at scale 2, other decimals without trailing zeros
            out.add(new FeeLine(l.feedetlSn(), l.medListCodg(), l.chrgitmLv(), plain(l.cnt()), plain(l.pric()),
                    l.detItemFeeSumamt() == null ? null : Databases.money(l.detItemFeeSumamt(), "amount"),
                    plain(l.selfpayProp()), plain(l.pricUplmtAmt()), l.kind()));
        }
        return out;
    }

    private boolean applied(String mdtrtId, String messageId) {
        return auto(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM visit_charge_message WHERE mdtrt_id = ? AND message_id = ?")) {
                ps.setString(1, mdtrtId);
                ps.setString(2, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private static void check(FeeLine l, String at) {
        Databases.money(l.detItemFeeSumamt(), at + ".det_item_fee_sumamt");
        Databases.checkScale(l.cnt(), 6, at + ".cnt");
        Databases.checkScale(l.pric(), 6, at + ".pric");
        Databases.checkScale(l.selfpayProp(), 6, at + ".selfpay_prop");
        Databases.checkScale(l.pricUplmtAmt(), 6, at + ".pric_uplmt_amt");
    }

    @Override
    public List<FeeLine> charges(String mdtrtId) {
        return auto(c -> {
            List<FeeLine> out = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            boolean legacy = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, lines_json FROM visit_charge_message "
                    + "WHERE mdtrt_id = ? ORDER BY seq")) {
                ps.setString(1, mdtrtId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String json = rs.getString(2);
                        if (json == null) legacy = true;
                        else out.addAll(parseLines(json));
                        seqs.add(rs.getLong(1));
                    }
                }
            }
            if (!legacy) return new VisitLines(out, seqs.stream().mapToLong(Long::longValue).toArray());
            // messages stored before V3 keep their lines in visit_charge_line: read all in message order
            return legacyCharges(c, mdtrtId);
        });
    }

    /**
     * The lines of the visit's charge messages {@code seqs} (visit_charge_message.seq), in that order, on {@code c}; null
     * when one of them is not there or keeps its lines the pre-V3 way.
     */
    static VisitLines messageLines(java.sql.Connection c, String mdtrtId, long[] seqs) throws SQLException {
        java.util.Map<Long, String> bySeq = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, lines_json FROM visit_charge_message WHERE mdtrt_id = ?")) {
            ps.setString(1, mdtrtId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) bySeq.put(rs.getLong(1), rs.getString(2));
            }
        }
        List<FeeLine> out = new ArrayList<>();
        for (long seq : seqs) {
            String json = bySeq.get(seq);
            if (json == null) return null;
            out.addAll(parseLines(json));
        }
        return new VisitLines(out, seqs);
    }

    @Override
    public int lineCount(String mdtrtId) {
        return auto(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(line_count), 0) FROM visit_charge_message WHERE mdtrt_id = ?")) {
                ps.setString(1, mdtrtId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private List<FeeLine> legacyCharges(java.sql.Connection c, String mdtrtId) throws SQLException {
        java.util.Map<Long, List<FeeLine>> bySeq = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, lines_json FROM visit_charge_message WHERE mdtrt_id = ?")) {
            ps.setString(1, mdtrtId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) bySeq.put(rs.getLong(1), rs.getString(2) == null ? new ArrayList<>() : parseLines(rs.getString(2)));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT message_seq, feedetl_sn, med_list_codg, chrgitm_lv, cnt, pric, "
                + "det_item_fee_sumamt, selfpay_prop, pric_uplmt_amt, kind FROM visit_charge_line "
                + "WHERE mdtrt_id = ? ORDER BY message_seq, line_idx")) {
            ps.setString(1, mdtrtId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString("kind");
                    bySeq.computeIfAbsent(rs.getLong("message_seq"), k -> new ArrayList<>()).add(new FeeLine(
                            rs.getString("feedetl_sn"), rs.getString("med_list_codg"),
                            ChargeClass.parse(rs.getString("chrgitm_lv")), plain(rs.getBigDecimal("cnt")),
                            plain(rs.getBigDecimal("pric")), Databases.money(rs.getBigDecimal("det_item_fee_sumamt"), "amount"),
                            plain(rs.getBigDecimal("selfpay_prop")), plain(rs.getBigDecimal("pric_uplmt_amt")),
                            kind == null ? null : LineKind.valueOf(kind)));
                }
            }
        }
        List<FeeLine> out = new ArrayList<>();
        bySeq.values().forEach(out::addAll);
        return List.copyOf(out);
    }

    /** The value without trailing zeros, never in exponent form (60.000000 → 60, 0.100000 → 0.1). */
    private static BigDecimal plain(BigDecimal v) {
        if (v == null) return null;
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
