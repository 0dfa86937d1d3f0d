package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rule of a regional policy, in force from {@code from} (inclusive) to {@code to} (exclusive; null: open).
 * Which fields matter depends on {@link #kind()}; the policy loader checks that the ones needed are there.
 *
 * @param id            stable id; a city rule with the same id replaces its province's rule while in force
 * @param kind          what it settles
 * @param region        the region file it comes from (e.g. 370000)
 * @param clause        document number and clause, e.g. "聊政办发〔2022〕5号 三(四)1"
 * @param illustrative  true when the numbers are in no seed document (basic insurance and the like)
 * @param status        set, unset (left to a lower level) or settled elsewhere
 * @param note          a sentence for the bill (why unset, where to apply, ...)
 * @param referralClause basic insurance: the clause by which a referred transfer continues the deductible paid (null:
 *                      the working names none)
 * @param insutypes     insurance types it applies to (empty: all)
 * @param medTypes      med_type values it applies to (empty: all)
 * @param categories    relief categories it applies to (empty: the ordinary insured / everyone)
 * @param area          hospital inside or outside the policy's area
 * @param dxGroup       ICD-10 group the encounter's diagnoses must fall in (null: any)
 * @param ageMax        applies only at or under this age on the discharge date (null: any)
 * @param ageOver       applies only over this age on the discharge date (null: any)
 * @param schedule      the formula (null for kinds without one, and for basic: see byLevel)
 * @param byLevel       basic insurance: the schedule by hospital level
 * @param tilt          a schedule relative to another rule (resolved into schedule when a policy is chosen)
 * @param baseAfter     upstream payers subtracted from this rule's base: hosp_part_amt, oth_pay
 * @param pool          ledger pool for running base and paid so far
 * @param statistic     alerts: the dated statistic a threshold is a share of
 * @param amounts       other named amounts (threshold, b_selfpay_prop, fraction, ...)
 * @param params        where each parameter comes from
 * @param priority      which rule wins when two of one region and kind could both apply (higher first; the loader
 *                      refuses two such rules of equal priority); a city's rules come before its province's
 * @param quote         the article's words, verbatim from the document (null: not given)
 * @param name          the rule's name in Chinese for the clerk and the bill, e.g. 低保对象、特困人员医疗救助 (the policy
 *                      file's {@code name}, or worked out from what the rule is for; null: the id stands in)
 */
public record Rule(
        String id,
        RuleKind kind,
        String region,
        LocalDate from,
        LocalDate to,
        String clause,
        boolean illustrative,
        RuleStatus status,
        String note,
        String referralClause,
        Set<String> insutypes,
        Set<String> medTypes,
        List<String> categories,
        Area area,
        String dxGroup,
        Integer ageMax,
        Integer ageOver,
        Schedule schedule,
        Map<String, Schedule> byLevel,
        Tilt tilt,
        Set<String> baseAfter,
        String pool,
        String statistic,
        Map<String, BigDecimal> amounts,
        List<Param> params,
        int priority,
        String quote,
        String name) {

    /** A rule without a name (the id stands in for it). */
    public Rule(String id, RuleKind kind, String region, LocalDate from, LocalDate to, String clause, boolean illustrative,
                RuleStatus status, String note, String referralClause, Set<String> insutypes, Set<String> medTypes,
                List<String> categories, Area area, String dxGroup, Integer ageMax, Integer ageOver, Schedule schedule,
                Map<String, Schedule> byLevel, Tilt tilt, Set<String> baseAfter, String pool, String statistic,
                Map<String, BigDecimal> amounts, List<Param> params, int priority, String quote) {
        this(id, kind, region, from, to, clause, illustrative, status, note, referralClause, insutypes, medTypes, categories, area,
                dxGroup, ageMax, ageOver, schedule, byLevel, tilt, baseAfter, pool, statistic, amounts, params, priority, quote, null);
    }

    /** The rule's Chinese name; its id when it has none. */
    public String displayName() {
        return name != null ? name : id;
    }

    public boolean inForce(LocalDate date) {
        return !date.isBefore(from) && (to == null || date.isBefore(to));
    }

    public Rule withSchedule(Schedule s) {
        return new Rule(id, kind, region, from, to, clause, illustrative, status, note, referralClause, insutypes, medTypes,
                categories, area, dxGroup, ageMax, ageOver, s, byLevel, tilt, baseAfter, pool, statistic, amounts, params,
                priority, quote, name);
    }

    public Rule withIllustrative(boolean ill) {
        return new Rule(id, kind, region, from, to, clause, ill, status, note, referralClause, insutypes, medTypes,
                categories, area, dxGroup, ageMax, ageOver, schedule, byLevel, tilt, baseAfter, pool, statistic, amounts, params,
                priority, quote, name);
    }

    public BigDecimal amount(String name) {
        return amounts.get(name);
    }
}
