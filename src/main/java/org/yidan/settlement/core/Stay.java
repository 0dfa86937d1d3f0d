package org.yidan.settlement.core;

import java.math.BigDecimal;

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
