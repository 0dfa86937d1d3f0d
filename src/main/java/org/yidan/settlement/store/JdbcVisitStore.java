package org.yidan.settlement.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
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

    public JdbcVisitStore(DataSource ds) {
        this(ds, Clock.systemUTC());
    }

    public JdbcVisitStore(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    @FunctionalInterface
    private interface Sql<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T auto(Sql<T> body) {
        try (Connection c = ds.getConnection()) {
            if (!c.getAutoCommit()) c.setAutoCommit(true);
            return body.run(c);
        } catch (SQLException ex) {
            throw new StoreException("visit store: " + ex.getMessage(), ex);
        }
    }

    /** One transaction: committed when {@code body} returns, rolled back if it throws. */
    private <T> T transaction(Sql<T> body) {
        try (Connection c = ds.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) c.setAutoCommit(false);
            try {
                T result = body.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error ex) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    ex.addSuppressed(r);
                }
                throw ex;
            } finally {
                if (autoCommit) c.setAutoCommit(true);
            }
        } catch (SQLException ex) {
            throw new StoreException("visit store: " + ex.getMessage(), ex);
        }
    }

    // ---------------------------------------------------------------------------------------------- admissions

    @Override
    public void saveAdmission(AdmissionRecord a) {
        BigDecimal deposit = Databases.money(a.deposit(), "deposit");
        transaction(c -> {
            // update, else insert; two first saves at once: the loser's insert fails on the key, it updates instead
            if (updateAdmission(c, a, deposit) == 0) {
                Savepoint sp = c.setSavepoint();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO visit_admission "
                        + "(psn_no, detail, deposit, deposit_free, cancelled, recorded_at, mdtrt_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    bindAdmission(ps, a, deposit);
                    ps.executeUpdate();
                    c.releaseSavepoint(sp);
                } catch (SQLException ex) {
                    if (!Databases.isDuplicateKey(ex)) throw ex;
                    c.rollback(sp);
                    updateAdmission(c, a, deposit);
                }
            }
            return null;
        });
    }

    private int updateAdmission(Connection c, AdmissionRecord a, BigDecimal deposit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE visit_admission SET psn_no = ?, detail = ?, deposit = ?, "
                + "deposit_free = ?, cancelled = ?, recorded_at = ? WHERE mdtrt_id = ?")) {
            bindAdmission(ps, a, deposit);
            return ps.executeUpdate();
        }
    }

    private void bindAdmission(PreparedStatement ps, AdmissionRecord a, BigDecimal deposit) throws SQLException {
        ps.setString(1, a.psnNo());
        if (a.detail() == null) ps.setNull(2, Types.VARCHAR);
        else ps.setString(2, a.detail());
        ps.setBigDecimal(3, deposit);
        ps.setBoolean(4, a.depositFree());
        ps.setBoolean(5, a.cancelled());
        ps.setObject(6, Databases.time(a.at() == null ? clock.instant() : a.at()));
        ps.setString(7, a.mdtrtId());
    }

    @Override
    public Optional<AdmissionRecord> admission(String mdtrtId) {
        return auto(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT mdtrt_id, psn_no, detail, deposit, deposit_free, "
                    + "cancelled, recorded_at FROM visit_admission WHERE mdtrt_id = ?")) {
                ps.setString(1, mdtrtId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new AdmissionRecord(rs.getString("mdtrt_id"), rs.getString("psn_no"),
                            rs.getString("detail"), rs.getBigDecimal("deposit"), rs.getBoolean("deposit_free"),
                            rs.getBoolean("cancelled"), Databases.instant(rs, "recorded_at")));
                }
            }
        });
    }

    @Override
    public boolean cancelAdmission(String mdtrtId) {
        return auto(c -> {
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
        try {
            return transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO visit_charge_message "
                        + "(mdtrt_id, message_id, line_count, applied_at) SELECT ?, ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM visit_charge_message WHERE mdtrt_id = ? AND message_id = ?)")) {
                    ps.setString(1, mdtrtId);
                    ps.setString(2, messageId);
                    ps.setInt(3, lines.size());
                    ps.setObject(4, Databases.time(clock.instant()));
                    ps.setString(5, mdtrtId);
                    ps.setString(6, messageId);
                    if (ps.executeUpdate() == 0) return false;   // applied before: a resend
                }
                long seq;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT seq FROM visit_charge_message WHERE mdtrt_id = ? AND message_id = ?")) {
                    ps.setString(1, mdtrtId);
                    ps.setString(2, messageId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        seq = rs.getLong(1);
                    }
                }
                if (lines.isEmpty()) return true;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO visit_charge_line (message_seq, line_idx, "
                        + "mdtrt_id, feedetl_sn, med_list_codg, chrgitm_lv, cnt, pric, det_item_fee_sumamt, selfpay_prop, "
                        + "pric_uplmt_amt, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < lines.size(); i++) {
                        FeeLine l = lines.get(i);
                        ps.setLong(1, seq);
                        ps.setInt(2, i);
                        ps.setString(3, mdtrtId);
                        ps.setString(4, l.feedetlSn());
                        ps.setString(5, l.medListCodg());
                        ps.setString(6, l.chrgitmLv() == null ? null : l.chrgitmLv().code);
                        ps.setBigDecimal(7, l.cnt());
                        ps.setBigDecimal(8, l.pric());
                        ps.setBigDecimal(9, Databases.money(l.detItemFeeSumamt(), "det_item_fee_sumamt"));
                        ps.setBigDecimal(10, l.selfpayProp());
                        ps.setBigDecimal(11, l.pricUplmtAmt());
                        ps.setString(12, l.kind() == null ? null : l.kind().name());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return true;
            });
        } catch (StoreException ex) {
            // the same message applied at the same moment by another transaction: it won, this one is a resend
            if (ex.getCause() instanceof SQLException s && Databases.isDuplicateKey(s) && applied(mdtrtId, messageId)) {
                return false;
            }
            throw ex;
        }
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
            try (PreparedStatement ps = c.prepareStatement("SELECT feedetl_sn, med_list_codg, chrgitm_lv, cnt, pric, "
                    + "det_item_fee_sumamt, selfpay_prop, pric_uplmt_amt, kind FROM visit_charge_line "
                    + "WHERE mdtrt_id = ? ORDER BY message_seq, line_idx")) {
                ps.setString(1, mdtrtId);
                List<FeeLine> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String kind = rs.getString("kind");
                        out.add(new FeeLine(rs.getString("feedetl_sn"), rs.getString("med_list_codg"),
                                ChargeClass.parse(rs.getString("chrgitm_lv")), plain(rs.getBigDecimal("cnt")),
                                plain(rs.getBigDecimal("pric")), Databases.money(rs.getBigDecimal("det_item_fee_sumamt"), "amount"),
                                plain(rs.getBigDecimal("selfpay_prop")), plain(rs.getBigDecimal("pric_uplmt_amt")),
                                kind == null ? null : LineKind.valueOf(kind)));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    /** The value without trailing zeros, never in exponent form (60.000000 → 60, 0.100000 → 0.1). */
    private static BigDecimal plain(BigDecimal v) {
        if (v == null) return null;
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
