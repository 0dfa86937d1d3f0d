package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One policy file as loaded: a region, the region it layers on (null for a province), the division-code
 * prefixes that count as its area, its documents, its dated rules, and dated statistics.
 */
public record RegionPolicy(
        String region,
        String name,
        String parent,
        List<String> area,
        List<Document> documents,
        List<Rule> rules,
        Map<String, Map<Integer, Statistic>> statistics,
        String file) {

    /** A yearly figure from outside the documents (e.g. per-capita disposable income), with its source. */
    public record Statistic(BigDecimal value, String source) {}
}
