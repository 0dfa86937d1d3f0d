package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.List;

/**
 * How one payer's amount was worked out: enough for a clerk to answer "why this number?" from the bill.
 *
 * @param layer          the {@link Layer}'s code: basic, critical_illness, special_drug, assistance, re_assistance,
 *                       pku_food, hospital_reduction, other
 * @param rule           the policy rule's id
 * @param ruleName       the rule's Chinese name (null: no rule, e.g. an amount the HIS gave)
 * @param clause         the document and clause
 * @param illustrative   true when the numbers are not from a seed document
 * @param category       the relief category the rule was applied under (null: ordinary)
 * @param base           this encounter's base for the layer
 * @param baseFormula    how the base was formed, in words and figures
 * @param yearBaseBefore the running base this year before this encounter (null for per-encounter rules)
 * @param yearBaseAfter  the running base after it
 * @param deductible     the deductible (起付线) in force
 * @param deductibleUsed the part of this encounter's base that fell under the deductible
 * @param segments       each rate segment's share of this encounter's base
 * @param computed       the sum over segments, rounded once to the fen (HALF_UP)
 * @param cap            the yearly cap (null: none)
 * @param capLeftBefore  cap less paid so far this year (null: no cap)
 * @param capLeftAfter   the same after this payment
 * @param paid           the amount paid: computed, limited by the cap left and by what the patient still owes
 * @param notes          anything else worth saying
 */
public record Working(
        String layer,
        String rule,
        String ruleName,
        String clause,
        boolean illustrative,
        String category,
        BigDecimal base,
        String baseFormula,
        BigDecimal yearBaseBefore,
        BigDecimal yearBaseAfter,
        BigDecimal deductible,
        BigDecimal deductibleUsed,
        List<SegmentWork> segments,
        BigDecimal computed,
        BigDecimal cap,
        BigDecimal capLeftBefore,
        BigDecimal capLeftAfter,
        BigDecimal paid,
        List<String> notes) {

    /** One segment's share: the part of the running base in [from, to) that this encounter adds, times rate. */
    public record SegmentWork(BigDecimal from, BigDecimal to, BigDecimal rate, BigDecimal portion, BigDecimal amount) {}
}
