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
        this.engine = new SettlementEngine(policies.dxGroups());
        this.ledger = ledger;
    }

    /** The outcome of a settle call: the bill, and whether it was settled now or found settled before. */
    public record Outcome(Bill bill, boolean repeated) {}

    public Outcome settle(Encounter e) {
        String fp = fingerprint(e);
        Optional<SettledRecord> existing = ledger.settled(e.mdtrtId());
        if (existing.isPresent()) {
            if (!existing.get().fingerprint().equals(fp)) {
                throw new SettlementException("mdtrt_id", "visit " + e.mdtrtId()
                        + " is already settled with different content; cancel it before settling it again");
            }
            return new Outcome(existing.get().bill(), true);
        }
        Policy p = policies.resolve(e.insuAdmdvs(), e.endtime());
        SettlementEngine.Settlement s = engine.settle(p, e, ledger);
        ledger.commit(new SettledRecord(e.mdtrtId(), e.psnNo(), e.year(), fp, s.bill(), s.changes()));
        return new Outcome(s.bill(), false);
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
        Optional<SettledRecord> found = ledger.settled(mdtrtId);
        if (found.isEmpty()) {
            throw new SettlementException("mdtrt_id", "visit " + mdtrtId + " is not settled; nothing to cancel");
        }
        java.util.List<SettledRecord> year = ledger.settledFor(found.get().psnNo(), found.get().year());
        int at = year.indexOf(found.get());
        java.util.List<String> later = year.subList(at + 1, year.size()).stream().map(SettledRecord::mdtrtId).toList();
        SettledRecord r = ledger.cancel(mdtrtId, reason).orElseThrow();
        return new CancelOutcome(r, later);
    }

    /** The deposit decision at admission (先诊疗后付费), under the policy in force on the admission date. */
    public DepositDecision admit(Admission a) {
        Policy p = policies.resolve(a.insuAdmdvs(), a.begntime());
        SettlementEngine.checkCategories(p, a.reliefCategories());
        return DepositDecision.decide(p, a.reliefCategories(), a.medType(), a.fixmedinsAdmdvs());
    }

    public PolicySet policies() {
        return policies;
    }

    /** A digest of everything that goes into a settlement, to tell a resend from a changed encounter. */
    static String fingerprint(Encounter e) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder sb = new StringBuilder(256);
            sb.append(e.mdtrtId()).append('|').append(e.psnNo()).append('|').append(e.certno()).append('|')
                    .append(e.psnName()).append('|').append(e.brdy()).append('|').append(e.insutype()).append('|')
                    .append(e.insuAdmdvs()).append('|').append(e.fixmedinsAdmdvs()).append('|').append(e.hospLv())
                    .append('|').append(e.medType()).append('|').append(e.begntime()).append('|').append(e.endtime())
                    .append('|').append(e.reliefCategories()).append('|').append(e.diagnoses()).append('|')
                    .append(num(e.referralDedcPaid())).append('|').append(num(e.deposit())).append('|')
                    .append(e.upstream());
            md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
            for (FeeLine l : e.feedetail()) {
                sb.setLength(0);
                sb.append('\n').append(l.feedetlSn()).append('|').append(l.medListCodg()).append('|').append(l.chrgitmLv())
                        .append('|').append(num(l.cnt())).append('|').append(num(l.pric())).append('|')
                        .append(num(l.detItemFeeSumamt())).append('|').append(num(l.selfpayProp())).append('|')
                        .append(num(l.pricUplmtAmt())).append('|').append(l.kind());
                md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String num(java.math.BigDecimal v) {
        return v == null ? "" : v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }
}
