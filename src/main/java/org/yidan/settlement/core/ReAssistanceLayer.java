package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.List;

/**
 * Step 6 (DESIGN §4): re-assistance (再救助, fund 610102) on the in-scope burden left after everything above: a yearly
 * threshold on the running total (the schedule's deductible), a rate, a yearly cap.
 */
final class ReAssistanceLayer {
    private ReAssistanceLayer() {}

    static void pay(Stay s, BigDecimal hifp, BigDecimal burden, BigDecimal remaining, CategoryChain ch) {
        BigDecimal given = s.up().reAssistPay();
        Rule r = ch.category == null ? null : s.forCategory(RuleKind.RE_ASSISTANCE, ch.category);
        if (given != null && (r == null || r.status() != RuleStatus.SET)) {
            ch.reAssistance = ch.givenAsIs(s, Layer.RE_ASSISTANCE, FundType.RE_ASSISTANCE, "再救助", "再救助", given, ch.reAssistanceWork);
            return;
        }
        if (r == null) return;
        if (r.status() == RuleStatus.UNSET) {
            ch.warnings.add(Workings.unset(r, s.policy().categoryName(ch.category) + " 再救助"));
            return;
        }
        if (r.status() != RuleStatus.SET) return;
        BigDecimal base = Money.nonNegative(burden.subtract(ch.assistance).subtract(CategoryChain.after(r, s)));
        String text = ch.baseText(s, hifp, r, true);
        ch.reAssistance = given != null
                ? ch.given(Layer.RE_ASSISTANCE, FundType.RE_ASSISTANCE, r, s, base, text, remaining, given, ch.reAssistanceWork, List.of())
                : ch.payOn(Layer.RE_ASSISTANCE, r, s, base, text, remaining, ch.reAssistanceWork);
    }
}
