package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 2 (DESIGN §4): basic insurance (统筹基金, hifp_pay) on the in-scope amount, special drugs excepted: a deductible
 * per stay by hospital level (a referred transfer continues the one paid at the referring hospital, the rule's
 * {@code referral_clause}), a rate, a yearly cap. Given by the HIS (upstream), it is used as given.
 *
 * @param hifp          what basic insurance pays
 * @param deductibleUsed the deductible applied (act_pay_dedc)
 * @param working       its working (null: no rule, nothing paid)
 */
record BasicLayer(BigDecimal hifp, BigDecimal deductibleUsed, Working working) {

    static BasicLayer pay(Stay s, List<String> warnings, LedgerPools pools) {
        Encounter e = s.e();
        Rule rule = s.first(RuleKind.BASIC, null);
        if (s.up().hifpPay() != null) {
            BigDecimal hifp = s.up().hifpPay();
            if (rule != null) pools.add(rule.pool(), s.split().inscpGeneral(), hifp);
            return new BasicLayer(hifp, Money.ZERO, Workings.upstream(Layer.BASIC, "hifp_pay", hifp));
        }
        if (rule == null) {
            warnings.add("基本医保：本地政策无险种 " + e.insutype() + "、医疗类别 " + e.medType() + " 的统筹规则，未计算统筹支付");
            return new BasicLayer(Money.ZERO, Money.ZERO, null);
        }
        Schedule sch = rule.byLevel().get(e.hospLv() == null ? "any" : e.hospLv());
        if (sch == null) sch = rule.byLevel().get("any");
        if (sch == null) {
            throw new SettlementException("hosp_lv", SettlementException.Reason.UNKNOWN_CODE, "医院等级 " + e.hospLv()
                    + " 在规则" + rule.displayName() + "（" + rule.id() + "）中没有基本医保分段比例（已有等级：" + String.join("、", rule.byLevel().keySet()) + "）");
        }
        ChargeSplit split = s.split();
        BigDecimal base = split.inscpGeneral();
        BigDecimal credit = Money.orZero(e.referralDedcPaid());
        Schedules.Result r = Schedules.apply(sch, base, s.before(rule), credit);
        List<String> notes = new ArrayList<>(s.yearToDateNotes(rule));
        if (credit.signum() > 0) {
            notes.add("转诊连续计算起付线：起付线 " + sch.deductible() + " 减去转出医院已付 " + credit
                    + (rule.referralClause() == null ? "" : "（" + rule.referralClause() + "）"));
        }
        Working w = Workings.computed(Layer.BASIC, rule, null, base, "符合政策范围金额 " + split.inscp()
                + (split.specialDrugInscp().signum() > 0 ? " − 特药 " + split.specialDrugInscp() : ""), sch, r, r.paid(), notes);
        pools.add(rule.pool(), base, r.paid());
        return new BasicLayer(r.paid(), r.deductibleUsed(), w);
    }
}
