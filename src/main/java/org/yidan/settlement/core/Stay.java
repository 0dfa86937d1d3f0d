package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.List;

/**
 * What every step of the chain reads about the encounter being settled.
 *
 * @param policy    the policy in force on the discharge date
 * @param e         the encounter
 * @param ledger    the person's running totals so far
 * @param rules     which rule applies
 * @param year      the ledger year (of the discharge date)
 * @param insurance employee or resident insurance
 * @param split     the charges split by catalogue class (step 1)
 * @param up        the amounts the HIS already holds (used as given)
 * @param hosp      hospital reduction (医疗机构减免), given or 0
 * @param oth       commercial supplementary insurance (商业补充保险), given or 0
 */
record Stay(Policy policy, Encounter e, LedgerView ledger, RuleFinder rules, int year, InsuranceType insurance,
            ChargeSplit split, Upstream up, BigDecimal hosp, BigDecimal oth) {

    PoolTotals before(String pool) {
        return ledger.get(e.psnNo(), year, pool);
    }

    /**
     * A rule's pool before this stay: the ledger's own totals, or the outside year-to-date where larger (base and paid
     * each, README "Year to date from outside").
     */
    PoolTotals before(Rule r) {
        PoolTotals own = before(r.pool());
        PoolTotals out = e.yearToDate() == null ? null : e.yearToDate().forRule(r);
        if (out == null) return own;
        return new PoolTotals(own.base().max(out.base()), own.paid().max(out.paid()));
    }

    /** The working's note on which totals a rule's pool started from, when outside totals were given for it. */
    List<String> yearToDateNotes(Rule r) {
        YearToDate y = e.yearToDate();
        PoolTotals out = y == null ? null : y.forRule(r);
        if (out == null) return List.of();
        PoolTotals own = before(r.pool());
        PoolTotals used = before(r);
        String which = used.base().compareTo(own.base()) == 0 && used.paid().compareTo(own.paid()) == 0 ? "本院记录"
                : used.base().compareTo(out.base()) == 0 && used.paid().compareTo(out.paid()) == 0 ? "院外累计" : "两者中各项较大者";
        return List.of("本年累计：院外累计（" + y.source() + "，截至 " + y.asOf() + "）基数 " + out.base() + "、已支付 " + out.paid()
                + "；本院记录 基数 " + own.base() + "、已支付 " + own.paid() + "；取" + which + "（基数 " + used.base()
                + "、已支付 " + used.paid() + "）");
    }

    Rule first(RuleKind kind, String category) {
        return rules.first(policy, kind, e, category);
    }

    Rule forCategory(RuleKind kind, String category) {
        return rules.forCategory(policy, kind, e, category);
    }

    String categoryName(String category) {
        return category == null ? "普通参保人员" : policy.categoryName(category);
    }
}
