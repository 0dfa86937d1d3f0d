package org.yidan.settlement.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** All loaded region policies; chooses the one in force by insured region and discharge date. */
public final class PolicySet {
    private final Map<String, RegionPolicy> regions;
    private final Map<String, Category> categories;
    private final DxGroups dxGroups;
    private final FundCodes fundCodes;

    public PolicySet(Map<String, RegionPolicy> regions, Map<String, Category> categories, DxGroups dxGroups,
                     FundCodes fundCodes) {
        this.regions = Map.copyOf(regions);
        this.categories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categories));
        this.dxGroups = dxGroups;
        this.fundCodes = fundCodes;
    }

    /** The platform's fund codes (mappings/fund-codes.yaml). */
    public FundCodes fundCodes() {
        return fundCodes;
    }

    public Map<String, RegionPolicy> regions() {
        return regions;
    }

    public Map<String, Category> categories() {
        return categories;
    }

    public DxGroups dxGroups() {
        return dxGroups;
    }

    /** The region file for a division code: exact, else its city (first four digits + 00). */
    public RegionPolicy regionFor(String admdvs) {
        if (admdvs == null) return null;
        RegionPolicy r = regions.get(admdvs);
        if (r == null && admdvs.length() == 6) r = regions.get(admdvs.substring(0, 4) + "00");
        return r;
    }

    /**
     * The policy in force for an insured region on a date.
     *
     * @throws SettlementException for an unknown region or no document in force on that date
     */
    public Policy resolve(String insuAdmdvs, LocalDate date) {
        RegionPolicy city = regionFor(insuAdmdvs);
        if (city == null) {
            throw new SettlementException("insu_admdvs", SettlementException.Reason.UNKNOWN_CODE, "参保地医保区划 " + insuAdmdvs
                    + " 没有政策；已有政策的区划：" + String.join("、", new java.util.TreeSet<>(regions.keySet())));
        }
        List<RegionPolicy> chain = new ArrayList<>();
        for (RegionPolicy r = city; r != null; r = r.parent() == null ? null : regions.get(r.parent())) {
            chain.add(r);
        }
        List<Document> docs = new ArrayList<>();
        for (RegionPolicy r : chain) {
            for (Document d : r.documents()) if (d.inForce(date)) docs.add(d);
        }
        if (docs.isEmpty()) {
            throw new SettlementException("endtime", SettlementException.Reason.NO_POLICY, city.name() + "（" + city.region()
                    + "）在 " + date + " 没有生效的政策");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RegionPolicy r : chain) {
            // Which rule wins is its priority (higher first; the loader refuses a tie between rules that could both
            // apply), then the city before its province; within a priority the file's order is kept.
            List<Rule> byPriority = new ArrayList<>(r.rules());
            byPriority.sort(Comparator.comparingInt(Rule::priority).reversed());
            for (Rule rule : byPriority) {
                if (rule.inForce(date) && !seen.contains(rule.id())) rules.add(rule);
            }
            for (Rule rule : r.rules()) if (rule.inForce(date)) seen.add(rule.id());
        }
        Map<String, Map<Integer, RegionPolicy.Statistic>> stats = new LinkedHashMap<>();
        for (int i = chain.size() - 1; i >= 0; i--) stats.putAll(chain.get(i).statistics());
        List<Rule> resolved = new ArrayList<>(rules.size());
        for (Rule rule : rules) resolved.add(resolveTilt(rule, rules));
        return new Policy(city.region(), city.name(), date, city.area(), docs, List.copyOf(resolved), stats, categories);
    }

    private static Rule resolveTilt(Rule rule, List<Rule> inForce) {
        if (rule.tilt() == null) return rule;
        Rule base = inForce.stream().filter(r -> r.id().equals(rule.tilt().of())).findFirst()
                .orElseThrow(() -> new SettlementException("policy", SettlementException.Reason.NO_POLICY, "规则" + rule.displayName() + "（" + rule.id() + "）倾斜的规则 "
                        + rule.tilt().of() + " 未生效"));
        if (base.schedule() == null) {
            throw new SettlementException("policy", SettlementException.Reason.NO_POLICY, "规则" + rule.displayName() + "（" + rule.id() + "）倾斜的规则 " + base.id()
                    + " 没有分段比例表");
        }
        return rule.withSchedule(rule.tilt().apply(base.schedule()))
                .withIllustrative(rule.illustrative() || base.illustrative());
    }
}
