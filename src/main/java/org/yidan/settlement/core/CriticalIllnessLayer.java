package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.List;

/**
 * Step 3 (DESIGN §4): critical-illness insurance (大病保险; for employees the large-amount subsidy) on the yearly running
 * total of the in-scope burden after basic insurance: a yearly deductible, rates in segments of that total, a yearly
 * cap (removed for some groups); and the special-drug channel (大病保险特药) on special-drug lines. Given by the HIS
 * (upstream), it is used as given, and the running total still kept.
 */
final class CriticalIllnessLayer {
    private CriticalIllnessLayer() {}

    static void pay(Stay s, BigDecimal hifp, CategoryChain ch) {
        ChargeSplit split = s.split();
        boolean employee = s.insurance() == InsuranceType.EMPLOYEE;
        BigDecimal given = employee ? s.up().hifobPay() : s.up().hifmiPay();
        BigDecimal base = Money.nonNegative(split.inscpGeneral().subtract(hifp));
        Rule r = s.forCategory(RuleKind.CRITICAL_ILLNESS, ch.category);
        if (given != null) {
            ch.criticalIllness = given;
            ch.ciWork.add(Workings.upstream(Layer.CRITICAL_ILLNESS, employee ? "hifob_pay" : "hifmi_pay", given));
            // the yearly running total is kept, so that a later computed stay continues from it
            if (r != null) ch.pools.add(r.pool(), base, given);
            shadow(s, r, base, given, employee, ch);
            return;
        }
        if (r != null && base.signum() > 0) {
            Schedules.Result res = Schedules.apply(r.schedule(), base, s.before(r), Money.ZERO);
            ch.criticalIllness = res.paid();
            ch.ciWork.add(Workings.computed(Layer.CRITICAL_ILLNESS, r, ch.category, base, "符合政策范围金额 " + split.inscpGeneral()
                    + " − 基本医保 " + hifp, r.schedule(), res, res.paid(), s.yearToDateNotes(r)));
            ch.pools.add(r.pool(), base, ch.criticalIllness);
        }
        if (split.specialDrugInscp().signum() > 0) specialDrugs(s, ch);
    }

    /**
     * The module's own critical-illness figure beside one the platform paid, where the rule's numbers come from a
     * document (an illustrative rule is not compared) and no special drugs are in the amount.
     */
    private static void shadow(Stay s, Rule r, BigDecimal base, BigDecimal given, boolean employee, CategoryChain ch) {
        if (r == null || r.illustrative() || r.status() != RuleStatus.SET || r.schedule() == null || base.signum() <= 0
                || s.split().specialDrugInscp().signum() > 0 || s.e().platform() == null) {
            return;
        }
        Schedules.Result res = Schedules.apply(r.schedule(), base, s.before(r), Money.ZERO);
        Working w = Workings.computed(Layer.CRITICAL_ILLNESS, r, ch.category, base, "符合政策范围金额 " + s.split().inscpGeneral()
                + " − 基本医保 " + s.up().hifpPay(), r.schedule(), res, res.paid(), s.yearToDateNotes(r));
        FundType fund = FundType.criticalIllness(s.insurance());
        ch.shadows.add(new Bill.ShadowCheck(fund.code, Layer.CRITICAL_ILLNESS.code, given, res.paid(), given.subtract(res.paid()), w));
    }

    private static void specialDrugs(Stay s, CategoryChain ch) {
        BigDecimal b = s.split().specialDrugInscp();
        Rule sd = s.forCategory(RuleKind.SPECIAL_DRUG, ch.category);
        if (sd == null) {
            ch.warnings.add("大病保险特药：本地政策无适用规则，特药费用 " + b + " 未由大病保险支付");
            return;
        }
        Schedules.Result res = Schedules.apply(sd.schedule(), b, s.before(sd), Money.ZERO);
        ch.specialDrugs = res.paid();
        ch.ciWork.add(Workings.computed(Layer.SPECIAL_DRUG, sd, ch.category, b, "特药符合政策范围金额 " + b, sd.schedule(), res,
                res.paid(), s.yearToDateNotes(sd)));
        ch.pools.add(sd.pool(), b, ch.specialDrugs);
    }
}
