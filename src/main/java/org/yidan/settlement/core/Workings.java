package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** How each amount's working is written (the clerk's "why this number?"), and the small rules every layer shares. */
final class Workings {
    private Workings() {}

    /** An amount worked out by a rule's schedule. */
    static Working computed(Layer layer, Rule r, String category, BigDecimal base, String baseFormula, Schedule s,
                            Schedules.Result res, BigDecimal paid, List<String> notes) {
        BigDecimal capLeftAfter = res.capLeftBefore() == null ? null : res.capLeftBefore().subtract(paid);
        if (s.cap() == null) {
            notes = new ArrayList<>(notes);
            notes.add("不设年度封顶线");
        }
        return new Working(layer.code, r.id(), r.displayName(), r.clause(), r.illustrative(), category, base, grouped(baseFormula),
                res.yearBaseBefore(), res.yearBaseAfter(), res.deductible(), res.deductibleUsed(), res.segments(),
                res.computed(), s.cap(), res.capLeftBefore(), capLeftAfter, paid, notes);
    }

    /** An amount the HIS gave (settled upstream): used as given, not computed. */
    static Working upstream(Layer layer, String field, BigDecimal amt) {
        return new Working(layer.code, null, null, null, false, null, null, "由 HIS 传入（" + field + "），按给定金额使用", null, null,
                null, null, List.of(), amt, null, null, null, amt, List.of("上游已结算金额，不重新计算"));
    }

    private static final java.util.regex.Pattern AMOUNT = java.util.regex.Pattern.compile("(?<![\\d.,])(\\d{4,})(\\.\\d+)(?![\\d.])");

    /**
     * A formula as the clerk reads it: amounts (numbers with decimals) with thousands separators, e.g. 符合政策范围金额
     * 33,360.00 − 基本医保 21,034.00; whole numbers (years, codes) are left as they are.
     */
    static String grouped(String formula) {
        if (formula == null) return null;
        java.util.regex.Matcher m = AMOUNT.matcher(formula);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String whole = m.group(1);
            StringBuilder g = new StringBuilder();
            for (int i = 0; i < whole.length(); i++) {
                if (i > 0 && (whole.length() - i) % 3 == 0) g.append(',');
                g.append(whole.charAt(i));
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(g + m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A rule the document leaves to a lower level: nothing is settled for it, and the bill says why. */
    static String unset(Rule r, String what) {
        return what + "：政策文件未规定具体标准（" + r.clause() + (r.note() == null ? "" : "：" + r.note())
                + "），本单不予结算";
    }

    /** No computed layer pays more than the patient still owes. */
    static BigDecimal limit(BigDecimal paid, BigDecimal remaining) {
        return Money.min(paid, Money.nonNegative(remaining));
    }

    static List<String> limitNote(BigDecimal computed, BigDecimal paid) {
        if (paid.compareTo(computed) < 0) {
            return List.of("限于患者尚需负担的金额：按公式应付 " + computed + "，实付 " + paid);
        }
        return List.of();
    }
}
