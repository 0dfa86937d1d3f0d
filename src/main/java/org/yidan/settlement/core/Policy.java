package org.yidan.settlement.core;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The policy in force for one insured region on one date: the city's rules first, then its province's
 * rules that the city does not replace (same id) on that date. Tilted schedules are resolved.
 */
public record Policy(
        String region,
        String name,
        LocalDate date,
        List<String> area,
        List<Document> documents,
        List<Rule> rules,
        Map<String, Map<Integer, RegionPolicy.Statistic>> statistics,
        Map<String, Category> categories) {

    public boolean inArea(String admdvs) {
        if (admdvs == null) return false;
        return area.stream().anyMatch(admdvs::startsWith);
    }

    public List<Rule> rules(RuleKind kind) {
        return rules.stream().filter(r -> r.kind() == kind).toList();
    }

    public String categoryName(String code) {
        Category c = categories.get(code);
        return c == null ? code : c.name();
    }
}
