package org.yidan.settlement.core;

import java.math.BigDecimal;

/**
 * Step 6 (DESIGN §4): re-assistance (再救助, fund 610102) on the in-scope burden left after everything above: a yearly
 * threshold on the running total (the schedule's deductible), a rate, a yearly cap.
 */
final class ReAssistanceLayer {
    private ReAssistanceLayer() {}

    static void pay(Stay s, BigDecimal hifp, BigDecimal burden, BigDecimal remaining, CategoryChain ch) {
        Rule r = s.forCategory(RuleKind.RE_ASSISTANCE, ch.category);
        if (r == null) return;
        if (r.status() == RuleStatus.UNSET) {
            ch.warnings.add(Workings.unset(r, s.policy().categoryName(ch.category) + " 再救助"));
            return;
        }
        if (r.status() != RuleStatus.SET) return;
        BigDecimal base = Money.nonNegative(burden.subtract(ch.assistance).subtract(CategoryChain.after(r, s)));
        ch.reAssistance = ch.payOn(Layer.RE_ASSISTANCE, r, s, base, ch.baseText(s, hifp, r, true), remaining,
                ch.reAssistanceWork);
    }
}
