package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Steps 3 to 6 (DESIGN §4) for one relief category the person holds (null: the ordinary insured): critical illness
 * and special drugs, then assistance, then re-assistance, each on what the layers before it left. A person in several
 * categories gets one chain each; the one with the smallest patient share is kept (就高不重复).
 */
final class CategoryChain {
    final String category;
    BigDecimal criticalIllness = Money.ZERO;
    BigDecimal specialDrugs = Money.ZERO;
    BigDecimal assistance = Money.ZERO;
    BigDecimal reAssistance = Money.ZERO;
    final List<Working> ciWork = new ArrayList<>();
    final List<Working> assistanceWork = new ArrayList<>();
    final List<Working> reAssistanceWork = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<Bill.Alert> notices = new ArrayList<>();
    final LedgerPools pools = new LedgerPools();
    final List<Bill.ShadowCheck> shadows = new ArrayList<>();
    BigDecimal fund;
    BigDecimal psnPart;

    private CategoryChain(String category) {
        this.category = category;
    }

    /** Critical illness and special drugs together: one fund (hifmi_pay, or hifob_pay for employees). */
    BigDecimal ciPay() {
        return criticalIllness.add(specialDrugs);
    }

    static CategoryChain run(Stay s, BigDecimal hifp, BigDecimal pku, String category) {
        CategoryChain ch = new CategoryChain(category);
        CriticalIllnessLayer.pay(s, hifp, ch);
        ChargeSplit split = s.split();
        // 政策范围内个人负担: in scope, after basic insurance and critical illness (what fell under a deductible or above
        // a cap of those layers included)
        BigDecimal burden = Money.nonNegative(split.inscp().subtract(hifp).subtract(ch.ciPay()));
        BigDecimal remaining = split.medfee().subtract(hifp).subtract(ch.ciPay()).subtract(pku).subtract(s.hosp()).subtract(s.oth());
        boolean reassist = AssistanceLayer.pay(s, hifp, burden, remaining, ch);
        if (reassist || s.up().reAssistPay() != null) ReAssistanceLayer.pay(s, hifp, burden, remaining.subtract(ch.assistance), ch);
        ch.fund = hifp.add(ch.ciPay()).add(ch.assistance).add(ch.reAssistance).add(pku).add(s.oth());
        ch.psnPart = split.medfee().subtract(ch.fund).subtract(s.hosp());
        return ch;
    }

    /** One relief payment: the rule's schedule on its base and the year's running total, limited to what is left. */
    BigDecimal payOn(Layer step, Rule r, Stay s, BigDecimal base, String baseText, BigDecimal remaining, List<Working> work) {
        return payOn(step, r, s, base, baseText, remaining, work, List.of());
    }

    /** The same, with notes for the working before the ones the payment adds (e.g. which disease decided the rule). */
    BigDecimal payOn(Layer step, Rule r, Stay s, BigDecimal base, String baseText, BigDecimal remaining, List<Working> work,
                     List<String> notes) {
        Schedules.Result res = Schedules.apply(r.schedule(), base, s.before(r), Money.ZERO);
        BigDecimal paid = Workings.limit(res.paid(), remaining);
        List<String> all = new ArrayList<>(notes);
        all.addAll(s.yearToDateNotes(r));
        all.addAll(Workings.limitNote(res.paid(), paid));
        work.add(Workings.computed(step, r, category, base, baseText, r.schedule(), res, paid, all));
        pools.add(r.pool(), base, paid);
        return paid;
    }

    /**
     * A layer the platform already paid: the given amount is the layer's (and goes into the ledger's pool); the
     * module's own figure is worked out beside it as a shadow check.
     */
    BigDecimal given(Layer step, FundType fund, Rule r, Stay s, BigDecimal base, String baseText, BigDecimal remaining,
                     BigDecimal given, List<Working> work, List<String> notes) {
        Schedules.Result res = Schedules.apply(r.schedule(), base, s.before(r), Money.ZERO);
        BigDecimal computed = Workings.limit(res.paid(), remaining);
        List<String> all = new ArrayList<>(notes);
        all.addAll(s.yearToDateNotes(r));
        all.addAll(Workings.limitNote(res.paid(), computed));
        Working shadow = Workings.computed(step, r, category, base, baseText, r.schedule(), res, computed, all);
        work.add(Workings.upstream(step, "平台 " + fund.code, given));
        shadows.add(new Bill.ShadowCheck(fund.code, step.code, given, computed, given.subtract(computed), shadow));
        pools.add(r.pool(), base, given);
        return given;
    }

    /**
     * A layer the platform paid where this policy has no rule of the category to compare it with: the amount as
     * given, without a shadow check, and a warning that says so.
     */
    BigDecimal givenAsIs(Stay s, Layer step, FundType fund, String name, String rule, BigDecimal given, List<Working> work) {
        work.add(Workings.upstream(step, "平台 " + fund.code, given));
        warnings.add(name + "：平台已支付 " + given + " 元，本地政策对" + s.categoryName(category) + "无可比对的" + rule
                + "规则，按平台金额列示");
        return given;
    }

    /** The base's formula, for assistance ({@code re} false) and re-assistance. */
    String baseText(Stay s, BigDecimal hifp, Rule r, boolean re) {
        StringBuilder b = new StringBuilder("符合政策范围金额 ").append(s.split().inscp()).append(" − 基本医保 ").append(hifp);
        if (ciPay().signum() > 0) b.append(" − 大病保险 ").append(ciPay());
        if (re) b.append(" − 医疗救助 ").append(assistance);
        if (r.baseAfter().contains("hosp_part_amt") && s.hosp().signum() > 0) b.append(" − 医疗机构减免 ").append(s.hosp());
        if (r.baseAfter().contains("oth_pay") && s.oth().signum() > 0) b.append(" − 商业补充保险 ").append(s.oth());
        return b.toString();
    }

    /** What a rule's base leaves out of the burden: the upstream payers it names (base_after). */
    static BigDecimal after(Rule r, Stay s) {
        BigDecimal sum = Money.ZERO;
        if (r.baseAfter().contains("hosp_part_amt")) sum = sum.add(s.hosp());
        if (r.baseAfter().contains("oth_pay")) sum = sum.add(s.oth());
        return sum;
    }
}
