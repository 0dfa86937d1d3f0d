package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.List;

/**
 * Step 5 (DESIGN §4): medical assistance (医疗救助, fund 610100) on the in-scope personal burden left after the payers
 * before it (less hospital reduction and commercial insurance where the rule's base_after says so), per the category's
 * rule: a yearly deductible, a rate (possibly in segments of the yearly running total), a yearly cap, in its pool. A
 * category whose rule is left to a lower level (unset) gets nothing and a warning; one settled elsewhere gets an
 * APPLY_ELSEWHERE notice.
 */
final class AssistanceLayer {
    private AssistanceLayer() {}

    /** Pays the category's assistance; returns whether re-assistance follows. */
    static boolean pay(Stay s, BigDecimal hifp, BigDecimal burden, BigDecimal remaining, CategoryChain ch) {
        BigDecimal given = s.up().mafPay();
        Rule a = ch.category == null ? null : s.forCategory(RuleKind.ASSISTANCE, ch.category);
        if (given != null && (a == null || a.status() != RuleStatus.SET)) {
            // the platform paid assistance where this policy has none to work out: as given, without a shadow
            ch.assistance = ch.givenAsIs(s, Layer.ASSISTANCE, FundType.ASSISTANCE, "医疗救助", "救助", given, ch.assistanceWork);
            return ch.category != null;
        }
        if (ch.category == null) return false;
        String name = s.policy().categoryName(ch.category);
        if (a == null) {
            ch.warnings.add(name + "：本地政策无适用于医疗类别 " + s.e().medType() + " 的医疗救助规则");
            return true;
        }
        if (a.status() == RuleStatus.UNSET) {
            ch.warnings.add(Workings.unset(a, name + " 医疗救助"));
            return false;
        }
        if (a.status() == RuleStatus.ELSEWHERE) {
            ch.notices.add(new Bill.Alert("APPLY_ELSEWHERE", name + "：" + a.note(), a.clause()));
            return false;
        }
        BigDecimal base = Money.nonNegative(burden.subtract(CategoryChain.after(a, s)));
        List<String> dx = s.rules().diagnosisNotes(s.policy(), RuleKind.ASSISTANCE, s.e(), ch.category, a);
        String text = ch.baseText(s, hifp, a, false);
        ch.assistance = given != null
                ? ch.given(Layer.ASSISTANCE, FundType.ASSISTANCE, a, s, base, text, remaining, given, ch.assistanceWork, dx)
                : ch.payOn(Layer.ASSISTANCE, a, s, base, text, remaining, ch.assistanceWork, dx);
        return true;
    }
}
