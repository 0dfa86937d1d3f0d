package org.yidan.settlement.service;

import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.Identity;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.SettledRecord;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.store.AuditLog;
import org.yidan.settlement.store.UnitOfWork;

/**
 * Cancelling and re-settling a bill, whoever asks (the counter, the HTTP API, an ADT^A13, a file): the ledger's change
 * and the audit log's entry in one unit of work, the entry written the same way for all of them.
 */
public final class Settlements {
    /**
     * Who asks: an account (name and role code), or a channel without one.
     *
     * @param name the account, or "mllp" for an HL7 message, "file" for the file drop
     * @param role the account's role code (null: no account)
     */
    public record Actor(String name, String role) {
        public static final Actor HL7 = new Actor("mllp", null);
        public static final Actor FILE = new Actor("file", null);

        /**
         * The sender of an HL7 message: its sending application and facility (MSH-3, MSH-4) and the peer's address,
         * e.g. {@code HIS/LCRMYY@10.20.0.5} (what the audit log and the 对账 show as the operator).
         */
        public static Actor hl7(String app, String facility, String peer) {
            String who = (app == null || app.isEmpty() ? "?" : app) + "/" + (facility == null || facility.isEmpty() ? "?" : facility)
                    + (peer == null ? "" : "@" + peer);
            return new Actor(who.length() > 100 ? who.substring(0, 100) : who, null);
        }
    }

    private final Settler settler;
    private final Ledger ledger;
    private final AuditLog audit;
    private final UnitOfWork units;
    private final OutboundBills outbound;
    private final org.yidan.settlement.store.VisitFactsStore facts;

    public Settlements(Settler settler, Ledger ledger, AuditLog audit, UnitOfWork units) {
        this(settler, ledger, audit, units, null);
    }

    /** @param outbound where a bill settled again goes to the HIS, in the re-settlement's own transaction (null: nowhere) */
    public Settlements(Settler settler, Ledger ledger, AuditLog audit, UnitOfWork units, OutboundBills outbound) {
        this(settler, ledger, audit, units, outbound, null);
    }

    /** @param facts where a JSON message's patient facts are kept for the sheet (null: not kept) */
    public Settlements(Settler settler, Ledger ledger, AuditLog audit, UnitOfWork units, OutboundBills outbound,
                       org.yidan.settlement.store.VisitFactsStore facts) {
        this.facts = facts;
        this.settler = settler;
        this.ledger = ledger;
        this.audit = audit;
        this.units = units;
        this.outbound = outbound;
    }

    /**
     * Settles a discharge; the audit log records who asked and through what ({@code via}), with the amounts. A visit
     * settled before with the same content returns its first bill and is not audited again.
     */
    public Settler.Outcome settle(Encounter e, String via, Actor who) {
        return settle(e, null, via, who);
    }

    /**
     * As {@link #settle(Encounter, String, Actor)}, keeping what the sheet shows of the patient and the stay (a JSON
     * message's {@code patient}; null: none sent) in the same unit of work.
     */
    public Settler.Outcome settle(Encounter e, org.yidan.settlement.sheet.VisitFacts patient, String via, Actor who) {
        return units.run(() -> {
            Settler.Outcome o = settler.settle(e, via);
            if (!o.repeated()) audit.append(who.name(), who.role(), "settle", e.mdtrtId(), null, via + "；" + amounts(o.bill()));
            if (patient != null && facts != null) facts.save(e.mdtrtId(), patient);
            return o;
        });
    }

    /**
     * Cancels a visit's settlement; the audit log records who, why and through what (e.g. "收费窗口",
     * "HTTP 接口 POST /api/settlements/V1/cancel", "HL7 ADT^A13 LC0001-A13"), with the amounts cancelled.
     */
    public Settler.CancelOutcome cancel(String mdtrtId, String reason, Actor who, String through) {
        return units.run(() -> {
            Settler.CancelOutcome o = settler.cancel(mdtrtId, reason);
            Bill b = o.cancelled().bill();
            audit.append(who.name(), who.role(), "cancel", mdtrtId, reason, through + "；撤销 " + amounts(b)
                    + (o.settledLater().isEmpty() ? "" : "；同年以后结算的就诊：" + String.join("、", o.settledLater())));
            return o;
        });
    }

    /**
     * Cancels a visit's settlement and settles the person's later stays of that year again (in date order, in the same
     * transaction), since their bills were worked out on totals that included the cancelled stay; each re-settlement
     * is audited; the stays before it are left as they are. With no later stay this is a cancel.
     */
    public CancelAndResettle cancelAndResettleLater(String mdtrtId, String reason, Actor who, String through) {
        return units.run(() -> {
            Settler.CancelOutcome o = cancel(mdtrtId, reason, who, through);
            if (o.settledLater().isEmpty()) return new CancelAndResettle(o, java.util.List.of());
            SettledRecord c = o.cancelled();
            java.util.List<Settler.Adjustment> later = settler.resettleYear(c.psnNo(), c.year(), e -> e,
                    "前次结算 " + mdtrtId + " 撤销后重算：" + reason, through + " (" + who.name() + ")", o.settledLater());
            for (Settler.Adjustment a : later) {
                audit.append(who.name(), who.role(), "resettle", a.mdtrtId(), "前次结算 " + mdtrtId + " 撤销后重算：" + reason,
                        through + "；" + changes(a.before(), a.after()));
                toHis(a.after(), "前次结算 " + mdtrtId + " 撤销后重算");
            }
            return new CancelAndResettle(o, later);
        });
    }

    /** A cancel and the later stays settled again after it. */
    public record CancelAndResettle(Settler.CancelOutcome cancel, java.util.List<Settler.Adjustment> resettled) {}

    /** Settles a visit again from its kept input against the ledger as it is now; audited with the amounts before and after. */
    public Bill resettle(String mdtrtId, String reason, Actor who, String through) {
        return units.run(() -> {
            Bill before = ledger.settled(mdtrtId).map(SettledRecord::bill).orElse(null);
            Bill after = settler.resettle(mdtrtId, reason, through + " (" + who.name() + ")").bill();
            audit.append(who.name(), who.role(), "resettle", mdtrtId, reason, through + (before == null ? "" : "；" + changes(before, after)));
            toHis(after, "重新结算：" + reason);
            return after;
        });
    }

    /**
     * Relief recognised after discharge (依申请 / 追溯): every settled stay of the person's year settled again under the
     * identities recognised, in date order, in one transaction (Settler.resettleYear); each stay's adjustment (补救助)
     * is audited with the amounts before and after. A stay the identities do not reach (discharged before they take
     * effect) comes out as it was.
     */
    public java.util.List<Settler.Adjustment> retroactive(String psnNo, int year, java.util.List<Identity> recognised,
                                                          String reason, Actor who, String through) {
        return units.run(() -> {
            java.util.List<Settler.Adjustment> out = settler.resettleYear(psnNo, year, e -> e.withIdentities(recognised),
                    "追溯救助：" + reason, through + " (" + who.name() + ")");
            for (Settler.Adjustment a : out) {
                audit.append(who.name(), who.role(), "retroactive", a.mdtrtId(), reason, through + "；医疗救助 "
                        + yuan(a.before().setlinfo().mafPay()) + " → " + yuan(a.after().setlinfo().mafPay()) + " 元，"
                        + changes(a.before(), a.after()));
                if (!a.before().setlinfo().equals(a.after().setlinfo())) toHis(a.after(), "追溯救助：" + reason);
            }
            return out;
        });
    }

    /** A bill settled again goes to the HIS as its first did (when outbound is on and the first one went). */
    private void toHis(Bill b, String why) {
        if (outbound != null) outbound.resettled(b, why);
    }

    /** The audit's words for a bill: 个人现金 4,396.73 元，基金支付 30,603.27 元. */
    private static String amounts(Bill b) {
        return "个人现金 " + yuan(b.setlinfo().psnCashPay()) + " 元，基金支付 " + yuan(b.setlinfo().fundPaySumamt()) + " 元";
    }

    /** The audit's words for a bill settled again: 个人现金 4,396.73 → 3,900.00 元，基金支付 30,603.27 → 31,100.00 元. */
    private static String changes(Bill before, Bill after) {
        return "个人现金 " + yuan(before.setlinfo().psnCashPay()) + " → " + yuan(after.setlinfo().psnCashPay()) + " 元，基金支付 "
                + yuan(before.setlinfo().fundPaySumamt()) + " → " + yuan(after.setlinfo().fundPaySumamt()) + " 元";
    }

    /** Yuan with thousands separators and two decimals (exact: BigDecimal, no double). */
    static String yuan(java.math.BigDecimal v) {
        return v == null ? "—" : new java.text.DecimalFormat("#,##0.00").format(v.setScale(2, java.math.RoundingMode.HALF_UP));
    }
}
