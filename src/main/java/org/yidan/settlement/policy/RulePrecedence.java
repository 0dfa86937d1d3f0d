package org.yidan.settlement.policy;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yidan.settlement.core.Area;
import org.yidan.settlement.core.Rule;
import org.yidan.settlement.core.RuleKind;
import org.yidan.settlement.io.YamlNode;

/**
 * Which rule wins is explicit, never file order: of the rules of one region and one kind, one is chosen for a stay
 * (the highest {@code priority}; a city's before its province's). Two rules of one region that could both apply to
 * one stay must differ in priority; the loader refuses the file otherwise, naming both.
 *
 * <p>Two rules could both apply when their periods overlap, and their insurance types, medical types, relief
 * categories (not for basic insurance and PKU food, which do not look at them), hospital area (in and out exclude
 * each other) and ages overlap. Diagnosis groups are taken to overlap always: a stay has several diagnoses.
 * Alerts are not chosen (each one applies), so they never clash.
 */
final class RulePrecedence {
    private static final Set<RuleKind> CHOSEN = EnumSet.of(RuleKind.CATALOGUE, RuleKind.BASIC, RuleKind.CRITICAL_ILLNESS,
            RuleKind.SPECIAL_DRUG, RuleKind.PKU_FOOD, RuleKind.ASSISTANCE, RuleKind.RE_ASSISTANCE, RuleKind.DEPOSIT_FREE);

    private RulePrecedence() {}

    /** Refuses the first pair of rules (in file order) that could both apply at one priority; where: each rule's entry. */
    static void check(List<Rule> rules, Map<Rule, YamlNode> where) {
        for (int j = 0; j < rules.size(); j++) {
            Rule b = rules.get(j);
            if (!CHOSEN.contains(b.kind())) continue;
            for (int i = 0; i < j; i++) {
                Rule a = rules.get(i);
                if (a.kind() != b.kind() || a.priority() != b.priority() || !bothApply(a, b)) continue;
                throw where.get(b).error("规则 '" + a.id() + "'（第 " + where.get(a).line() + " 行）与 '" + b.id()
                        + "' 在 priority " + b.priority() + " 上可能同时适用于一次住院：请给应优先的一条更高的 'priority'");
            }
        }
    }

    static boolean bothApply(Rule a, Rule b) {
        if (!periods(a, b)) return false;
        if (!common(a.insutypes(), b.insutypes()) || !common(a.medTypes(), b.medTypes())) return false;
        if (a.area() != Area.ANY && b.area() != Area.ANY && a.area() != b.area()) return false;
        if (!ages(a, b)) return false;
        return switch (a.kind()) {
            case BASIC, PKU_FOOD, CATALOGUE -> true;
            // a person may hold several categories: any two deposit-free rules may meet in one person
            case DEPOSIT_FREE -> true;
            // chosen per category held; the ordinary rule (no categories) only for the ordinary insured
            default -> a.categories().isEmpty() ? b.categories().isEmpty()
                    : b.categories().stream().anyMatch(a.categories()::contains);
        };
    }

    private static boolean periods(Rule a, Rule b) {
        LocalDate aTo = a.to() == null ? LocalDate.MAX : a.to();
        LocalDate bTo = b.to() == null ? LocalDate.MAX : b.to();
        return a.from().isBefore(bTo) && b.from().isBefore(aTo);
    }

    /** Empty means any. */
    private static boolean common(Collection<String> a, Collection<String> b) {
        return a.isEmpty() || b.isEmpty() || a.stream().anyMatch(b::contains);
    }

    /** Ages a rule takes: over age_over (exclusive) up to age_max (inclusive). */
    private static boolean ages(Rule a, Rule b) {
        int lo = Math.max(a.ageOver() == null ? -1 : a.ageOver(), b.ageOver() == null ? -1 : b.ageOver());
        int hi = Math.min(a.ageMax() == null ? Integer.MAX_VALUE : a.ageMax(), b.ageMax() == null ? Integer.MAX_VALUE : b.ageMax());
        return lo < hi;
    }
}
