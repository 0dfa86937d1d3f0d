package org.yidan.settlement.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Settles and cancels encounters against a ledger: chooses the policy by insured region and discharge date, runs
 * the engine, and commits bill and ledger changes together. Settling the same encounter again returns the first
 * bill and changes nothing; cancelling restores the ledger exactly.
 */
public final class Settler {
    private final PolicySet policies;
    private final SettlementEngine engine;
    private final Ledger ledger;

    public Settler(PolicySet policies, Ledger ledger) {
        this.policies = policies;
        this.engine = new SettlementEngine(policies.dxGroups(), policies.fundCodes());
        this.ledger = ledger;
    }

    /** The outcome of a settle call: the bill, and whether it was settled now or found settled before. */
    public record Outcome(Bill bill, boolean repeated) {}

    public Outcome settle(Encounter e) {
        return settle(e, null);
    }

    /** As {@link #settle(Encounter)}, the ledger keeping how the settlement came ({@link Ledger#origin}). */
    public Outcome settle(Encounter e, String via) {
        String fp = fingerprint(e);
        Policy p = policies.resolve(e.insuAdmdvs(), e.endtime());
        return ledger.locked(e.psnNo(), e.year(), () -> {
            Optional<SettledRecord> existing = ledger.settled(e.mdtrtId());
            if (existing.isPresent()) {
                if (!existing.get().fingerprint().equals(fp)) {
                    throw new SettlementException("mdtrt_id", SettlementException.Reason.ALREADY_SETTLED, "就诊 " + e.mdtrtId()
                            + " 已按不同内容结算；请先撤销再重新结算");
                }
                return new Outcome(existing.get().bill(), true);
            }
            SettlementEngine.Settlement s = engine.settle(p, e, ledger);
            ledger.commit(new SettledRecord(e.mdtrtId(), e.psnNo(), e.year(), fp, s.bill(), s.changes()), e, via);
            return new Outcome(s.bill(), false);
        });
    }

    /** A bill as it would be if settled now, without touching the ledger (预结算). */
    public Bill preview(Encounter e) {
        Policy p = policies.resolve(e.insuAdmdvs(), e.endtime());
        return engine.settle(p, e, ledger).bill();
    }

    /**
     * The outcome of a cancel: the record removed, and the person's visits of the same year settled after it, whose
     * bills were worked out on totals that included the cancelled one (re-settle them if their figures matter).
     */
    public record CancelOutcome(SettledRecord cancelled, java.util.List<String> settledLater) {}

    public CancelOutcome cancel(String mdtrtId, String reason) {
        SettledRecord found = ledger.settled(mdtrtId).orElseThrow(() ->
                new SettlementException("mdtrt_id", SettlementException.Reason.UNKNOWN_VISIT, "就诊 " + mdtrtId + " 未结算，无可撤销的结算"));
        return ledger.locked(found.psnNo(), found.year(), () -> {
            java.util.List<SettledRecord> year = ledger.settledFor(found.psnNo(), found.year());
            int at = -1;
            for (int i = 0; i < year.size(); i++) if (year.get(i).mdtrtId().equals(mdtrtId)) at = i;
            if (at < 0) throw new SettlementException("mdtrt_id", SettlementException.Reason.UNKNOWN_VISIT, "就诊 " + mdtrtId + " 未结算，无可撤销的结算");
            java.util.List<String> later = year.subList(at + 1, year.size()).stream().map(SettledRecord::mdtrtId).toList();
            SettledRecord r = ledger.cancel(mdtrtId, reason).orElseThrow();
            return new CancelOutcome(r, later);
        });
    }

    /**
     * Settles a visit again from the encounter it was settled from, against the ledger as it is now: its settlement
     * is cancelled (with the reason) and settled anew, in one transaction, so a failure leaves the first settlement
     * in place. Used when an earlier stay of the same year was cancelled after this one was settled (its bill was
     * worked out on totals that included the cancelled stay) or a policy file was corrected.
     */
    public Outcome resettle(String mdtrtId, String reason) {
        return resettle(mdtrtId, reason, null);
    }

    /** As {@link #resettle(String, String)}, the new settlement kept as having come {@code via}. */
    public Outcome resettle(String mdtrtId, String reason, String via) {
        SettledRecord found = ledger.settled(mdtrtId).orElseThrow(() ->
                new SettlementException("mdtrt_id", SettlementException.Reason.UNKNOWN_VISIT, "就诊 " + mdtrtId + " 未结算，无法重新结算"));
        Encounter input = ledger.input(mdtrtId).orElseThrow(() -> new SettlementException("mdtrt_id", "就诊 " + mdtrtId
                + " 结算时未保存结算依据，无法重新结算；请撤销后由 HIS 重新发送出院消息"));
        return ledger.locked(found.psnNo(), found.year(), () -> {
            cancel(mdtrtId, reason);
            Outcome o = settle(input, via);
            return new Outcome(o.bill(), false);
        });
    }

    /** One stay settled again: its bill before and after. */
    public record Adjustment(String mdtrtId, Bill before, Bill after) {}

    /**
     * Every settled stay of a person's year settled again, in the order of their discharge dates, with {@code change}
     * applied to each kept input (e.g. identities recognised since, with effect from an earlier date), in one
     * transaction: all are cancelled (the latest first, so that each subtracts exactly what it added) and settled
     * anew in date order, so each later stay is worked out on the stays before it as they are now.
     */
    public java.util.List<Adjustment> resettleYear(String psnNo, int year, java.util.function.UnaryOperator<Encounter> change,
                                                   String reason, String via) {
        return resettleYear(psnNo, year, change, reason, via, null);
    }

    /** As {@link #resettleYear(String, int, java.util.function.UnaryOperator, String, String)}, for the stays named only (null: all). */
    public java.util.List<Adjustment> resettleYear(String psnNo, int year, java.util.function.UnaryOperator<Encounter> change,
                                                   String reason, String via, java.util.Collection<String> only) {
        return ledger.locked(psnNo, year, () -> {
            java.util.List<SettledRecord> stays = new java.util.ArrayList<>(ledger.settledFor(psnNo, year));
            if (only != null) stays.removeIf(r -> !only.contains(r.mdtrtId()));
            if (stays.isEmpty()) {
                throw new SettlementException("psn_no", SettlementException.Reason.UNKNOWN_VISIT, "人员 " + psnNo + " 在 " + year + " 年度没有已结算的就诊");
            }
            stays.sort(java.util.Comparator.comparing((SettledRecord r) -> r.bill().endtime())
                    .thenComparing(r -> r.bill().begntime()).thenComparing(SettledRecord::mdtrtId));
            java.util.List<Encounter> inputs = new java.util.ArrayList<>();
            for (SettledRecord r : stays) {
                inputs.add(ledger.input(r.mdtrtId()).orElseThrow(() -> new SettlementException("mdtrt_id", "就诊 " + r.mdtrtId()
                        + " 结算时未保存结算依据，无法在此重新结算")));
            }
            for (int i = stays.size() - 1; i >= 0; i--) ledger.cancel(stays.get(i).mdtrtId(), reason);
            java.util.List<Adjustment> out = new java.util.ArrayList<>();
            for (int i = 0; i < stays.size(); i++) {
                Bill after = settle(change.apply(inputs.get(i)), via).bill();
                out.add(new Adjustment(stays.get(i).mdtrtId(), stays.get(i).bill(), after));
            }
            return out;
        });
    }

    /** The deposit decision at admission (先诊疗后付费), under the policy in force on the admission date. */
    public DepositDecision admit(Admission a) {
        Policy p;
        try {
            p = policies.resolve(a.insuAdmdvs(), a.begntime());
        } catch (SettlementException ex) {
            if (!"endtime".equals(ex.field())) throw ex;
            // No document of the region is in force yet on the admission date: nothing makes the stay deposit-free.
            return new DepositDecision(false, null, null, null, "按规定收取押金：入院日期 " + a.begntime() + " 无有效政策文件");
        }
        SettlementEngine.checkCategories(p, a.reliefCategories(), a.identities());
        return DepositDecision.decide(p, a.categoriesAtAdmission(), a.medType(), a.fixmedinsAdmdvs());
    }

    public PolicySet policies() {
        return policies;
    }

    /** A digest of everything that goes into a settlement, to tell a resend from a changed encounter. */
    static String fingerprint(Encounter e) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            String head = String.join("|", e.mdtrtId(), e.psnNo(), String.valueOf(e.certno()), String.valueOf(e.psnName()),
                    String.valueOf(e.brdy()), e.insutype(), e.insuAdmdvs(), e.fixmedinsAdmdvs(), String.valueOf(e.hospLv()),
                    e.medType(), String.valueOf(e.begntime()), String.valueOf(e.endtime()),
                    String.valueOf(e.reliefCategories()), String.valueOf(e.diagnoses()), String.valueOf(e.upstream()),
                    String.valueOf(e.identities()), String.valueOf(e.yearToDate()), String.valueOf(e.platform()));
            md.update(head.getBytes(StandardCharsets.UTF_8));
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(64 + 80 * e.feedetail().size());
            num(buf, e.referralDedcPaid());
            num(buf, e.deposit());
            for (FeeLine l : e.feedetail()) {
                buf.putInt(java.util.Objects.hashCode(l.feedetlSn())).putInt(java.util.Objects.hashCode(l.medListCodg()))
                        .put((byte) (l.chrgitmLv() == null ? -1 : l.chrgitmLv().ordinal()))
                        .put((byte) (l.kind() == null ? -1 : l.kind().ordinal()));
                num(buf, l.cnt());
                num(buf, l.pric());
                num(buf, l.detItemFeeSumamt());
                num(buf, l.selfpayProp());
                num(buf, l.pricUplmtAmt());
            }
            md.update(buf.array(), 0, buf.position());
            for (FeeLine l : e.feedetail()) {
                // the codes themselves too (above only their hashes, for a fixed-size record)
                if (l.medListCodg() != null) md.update(l.medListCodg().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A decimal as written: unscaled value and scale (a resend carries the same text, so the same scale). */
    private static void num(java.nio.ByteBuffer buf, java.math.BigDecimal v) {
        if (v == null) {
            buf.putLong(Long.MIN_VALUE).putInt(0);
        } else {
            buf.putLong(v.unscaledValue().longValue()).putInt(v.scale());
        }
    }
}
