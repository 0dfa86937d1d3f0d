package org.yidan.settlement.core;

import java.util.List;

/**
 * The deposit decision at admission (先诊疗后付费): no deposit for a person in one of the policy's deposit-free
 * categories, for the med types the rule names, in a hospital inside the policy's area when the rule says so.
 *
 * @param depositFree true: admit without a deposit
 * @param category    the category that qualified (null when none)
 * @param rule        the rule applied (null when none)
 * @param clause      its clause
 * @param reason      one sentence for the admission reply
 */
public record DepositDecision(boolean depositFree, String category, String rule, String clause, String reason) {

    public static DepositDecision decide(Policy policy, List<String> categories, String medType, String fixmedinsAdmdvs) {
        for (Rule r : policy.rules(RuleKind.DEPOSIT_FREE)) {
            if (!r.medTypes().isEmpty() && !r.medTypes().contains(medType)) continue;
            if (r.area() == Area.IN && !policy.inArea(fixmedinsAdmdvs)) continue;
            if (r.area() == Area.OUT && policy.inArea(fixmedinsAdmdvs)) continue;
            for (String c : categories) {
                if (r.categories().contains(c)) {
                    return new DepositDecision(true, c, r.id(), r.clause(),
                            policy.categoryName(c) + "：先诊疗后付费，免住院押金（" + r.clause() + "）");
                }
            }
        }
        return new DepositDecision(false, null, null, null, "按规定收取押金：无先诊疗后付费资格（" + policy.name() + "）");
    }
}
