package org.yidan.settlement.policy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yidan.settlement.core.Area;
import org.yidan.settlement.io.YamlNode;
import org.yidan.settlement.core.Category;
import org.yidan.settlement.core.Document;
import org.yidan.settlement.core.InsuranceType;
import org.yidan.settlement.core.MedType;
import org.yidan.settlement.core.DxGroups;
import org.yidan.settlement.core.Param;
import org.yidan.settlement.core.PolicySet;
import org.yidan.settlement.core.RegionPolicy;
import org.yidan.settlement.core.Rule;
import org.yidan.settlement.core.RuleKind;
import org.yidan.settlement.core.RuleStatus;
import org.yidan.settlement.core.Schedule;
import org.yidan.settlement.core.Segment;
import org.yidan.settlement.core.Tilt;

/**
 * Loads and checks policies/ (one YAML file per region, plus categories.yaml) and mappings/icd10-groups.yaml.
 * Any error names the file, line and field; a policy set is returned only when every file is valid.
 */
public final class PolicyLoader {

    private static final Set<String> REGION_KEYS = Set.of("region", "name", "parent", "area", "documents", "statistics", "rules");
    private static final Set<String> DOC_KEYS = Set.of("id", "title", "from", "to");
    private static final Set<String> RULE_KEYS = Set.of("id", "kind", "from", "to", "clause", "illustrative", "status",
            "note", "insutypes", "med_types", "categories", "area", "dx_group", "age_max", "age_over", "pool",
            "base_after", "deductible", "per_encounter", "rate", "segments", "cap", "levels", "tilt", "threshold",
            "fraction", "statistic", "b_selfpay_prop", "referral_clause");
    private static final Set<String> PARAM_KEYS = Set.of("value", "clause", "from", "illustrative");
    private static final Set<String> MED_TYPES = MedType.CODES;
    private static final Set<String> INSUTYPES = InsuranceType.CODES;
    private static final Set<String> BASE_AFTER = Set.of("hosp_part_amt", "oth_pay");

    private PolicyLoader() {}

    /** Loads every *.yaml in policiesDir (categories.yaml is the vocabulary) and the ICD-10 groups in mappingsDir. */
    public static PolicySet load(Path policiesDir, Path mappingsDir) {
        Path vocab = policiesDir.resolve("categories.yaml");
        if (!Files.isRegularFile(vocab)) {
            throw new PolicyFileException(vocab.toString(), 0, "categories", "file missing (the relief-category vocabulary)");
        }
        Map<String, Category> categories = loadCategories(vocab);
        DxGroups dx = DxGroupLoader.load(mappingsDir.resolve("icd10-groups.yaml"));
        Map<String, RegionPolicy> regions = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(policiesDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml") && !p.equals(vocab)).sorted().toList();
        } catch (IOException ex) {
            throw new PolicyFileException(policiesDir.toString(), 0, "", "cannot list: " + ex.getMessage());
        }
        Map<String, YamlNode> where = new HashMap<>();
        for (Path f : files) {
            YamlNode root = parse(f);
            RegionPolicy rp = region(root, f.toString(), categories, dx);
            if (regions.containsKey(rp.region())) {
                throw root.map().get("region").error("region " + rp.region() + " is also defined in " + regions.get(rp.region()).file());
            }
            regions.put(rp.region(), rp);
            where.put(rp.region(), root);
        }
        for (RegionPolicy rp : regions.values()) {
            if (rp.parent() != null && !regions.containsKey(rp.parent())) {
                throw where.get(rp.region()).map().get("parent").error("parent region '" + rp.parent() + "' has no policy file");
            }
            checkTilts(rp, regions, where.get(rp.region()));
        }
        return new PolicySet(regions, categories, dx);
    }

    static YamlNode parse(Path f) {
        return YamlNode.parse(f, PolicyFileException::new);
    }

    private static Map<String, Category> loadCategories(Path f) {
        YamlNode root = parse(f);
        Map<String, Category> out = new LinkedHashMap<>();
        for (YamlNode c : root.map(Set.of("categories")).get("categories").list()) {
            Map<String, YamlNode> m = c.map(Set.of("code", "name", "note"));
            String code = need(c, m, "code").str();
            if (!code.matches("[A-Z][A-Z0-9_]*")) throw m.get("code").error("a code is upper-case letters, digits and _");
            if (out.containsKey(code)) throw m.get("code").error("duplicate category " + code);
            out.put(code, new Category(code, need(c, m, "name").str()));
        }
        return out;
    }

    private static YamlNode need(YamlNode parent, Map<String, YamlNode> m, String key) {
        YamlNode n = m.get(key);
        if (n == null) throw new PolicyFileException(parent.file(), parent.line(), parent.child(key), "required field is missing");
        return n;
    }

    private static RegionPolicy region(YamlNode root, String file, Map<String, Category> categories, DxGroups dx) {
        Map<String, YamlNode> m = root.map(REGION_KEYS);
        String region = need(root, m, "region").str();
        if (!region.matches("\\d{6}")) throw m.get("region").error("a region is a 6-digit division code");
        String name = need(root, m, "name").str();
        String parent = m.containsKey("parent") ? m.get("parent").str() : null;
        List<String> area = need(root, m, "area").strings();
        for (String a : area) if (!a.matches("\\d{2,6}")) throw m.get("area").error("area entries are division-code prefixes: '" + a + "'");
        List<Document> docs = new ArrayList<>();
        for (YamlNode d : need(root, m, "documents").list()) {
            Map<String, YamlNode> dm = d.map(DOC_KEYS);
            LocalDate from = need(d, dm, "from").date();
            LocalDate to = dm.containsKey("to") ? dm.get("to").date() : null;
            if (to != null && !to.isAfter(from)) throw dm.get("to").error("'to' must be after 'from'");
            docs.add(new Document(need(d, dm, "id").str(), need(d, dm, "title").str(), from, to));
        }
        Map<String, Map<Integer, RegionPolicy.Statistic>> stats = new LinkedHashMap<>();
        if (m.containsKey("statistics")) {
            for (Map.Entry<String, YamlNode> s : m.get("statistics").map().entrySet()) {
                Map<Integer, RegionPolicy.Statistic> byYear = new TreeMap<>();
                for (Map.Entry<String, YamlNode> y : s.getValue().map().entrySet()) {
                    int year;
                    try {
                        year = Integer.parseInt(y.getKey());
                    } catch (NumberFormatException ex) {
                        throw y.getValue().error("statistics are keyed by year: '" + y.getKey() + "'");
                    }
                    Map<String, YamlNode> vm = y.getValue().map(Set.of("value", "source"));
                    byYear.put(year, new RegionPolicy.Statistic(need(y.getValue(), vm, "value").nonNegative(),
                            need(y.getValue(), vm, "source").str()));
                }
                stats.put(s.getKey(), byYear);
            }
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        if (m.containsKey("rules")) {
            for (YamlNode r : m.get("rules").list()) {
                Rule rule = rule(r, region, categories, dx, stats);
                // The same id may appear again with another period (a dated history), never overlapping.
                for (Rule other : rules) {
                    if (other.id().equals(rule.id()) && overlaps(other, rule)) {
                        throw r.error("rule '" + rule.id() + "' overlaps another period of the same id");
                    }
                }
                ids.add(rule.id());
                rules.add(rule);
            }
        }
        return new RegionPolicy(region, name, parent, area, docs, rules, stats, file);
    }

    private static boolean overlaps(Rule a, Rule b) {
        LocalDate aTo = a.to() == null ? LocalDate.MAX : a.to();
        LocalDate bTo = b.to() == null ? LocalDate.MAX : b.to();
        return a.from().isBefore(bTo) && b.from().isBefore(aTo);
    }

    private static Rule rule(YamlNode r, String region, Map<String, Category> vocab, DxGroups dx,
                             Map<String, Map<Integer, RegionPolicy.Statistic>> stats) {
        Map<String, YamlNode> m = r.map(RULE_KEYS);
        String id = need(r, m, "id").str();
        RuleKind kind = RuleKind.parse(need(r, m, "kind").str());
        if (kind == null) throw m.get("kind").error("unknown kind; one of " + java.util.Arrays.toString(RuleKind.values()).toLowerCase());
        LocalDate from = need(r, m, "from").date();
        LocalDate to = m.containsKey("to") ? m.get("to").date() : null;
        if (to != null && !to.isAfter(from)) throw m.get("to").error("'to' must be after 'from'");
        String clause = need(r, m, "clause").str();
        boolean illustrative = m.containsKey("illustrative") && m.get("illustrative").bool();
        RuleStatus status = m.containsKey("status") ? RuleStatus.parse(m.get("status").str()) : RuleStatus.SET;
        if (status == null) throw m.get("status").error("status is set, unset or elsewhere");
        String note = m.containsKey("note") ? m.get("note").str() : null;
        String referralClause = m.containsKey("referral_clause") ? m.get("referral_clause").str() : null;
        if (referralClause != null && kind != RuleKind.BASIC) throw m.get("referral_clause").error("only basic rules have a referral clause");
        if (status != RuleStatus.SET && note == null) throw r.error("an unset or elsewhere rule needs a 'note' saying why");
        Set<String> insutypes = m.containsKey("insutypes") ? Set.copyOf(m.get("insutypes").strings()) : Set.of();
        for (String s : insutypes) if (!INSUTYPES.contains(s)) throw m.get("insutypes").error("unknown insutype '" + s + "'; one of " + INSUTYPES);
        Set<String> medTypes = m.containsKey("med_types") ? Set.copyOf(m.get("med_types").strings()) : Set.of();
        for (String s : medTypes) if (!MED_TYPES.contains(s)) throw m.get("med_types").error("unknown med_type '" + s + "'; one of " + MED_TYPES);
        List<String> cats = m.containsKey("categories") ? m.get("categories").strings() : List.of();
        for (String c : cats) if (!vocab.containsKey(c)) throw m.get("categories").error("unknown category '" + c + "' (see policies/categories.yaml)");
        Area area = m.containsKey("area") ? Area.parse(m.get("area").str()) : Area.ANY;
        if (area == null) throw m.get("area").error("area is in, out or any");
        String dxGroup = m.containsKey("dx_group") ? m.get("dx_group").str() : null;
        if (dxGroup != null && !dx.knows(dxGroup)) throw m.get("dx_group").error("unknown diagnosis group '" + dxGroup + "' (see mappings/icd10-groups.yaml)");
        Integer ageMax = m.containsKey("age_max") ? m.get("age_max").integer() : null;
        Integer ageOver = m.containsKey("age_over") ? m.get("age_over").integer() : null;
        String pool = m.containsKey("pool") ? m.get("pool").str() : null;
        Set<String> baseAfter = m.containsKey("base_after") ? Set.copyOf(m.get("base_after").strings()) : Set.of();
        for (String s : baseAfter) if (!BASE_AFTER.contains(s)) throw m.get("base_after").error("base_after takes " + BASE_AFTER + ", not '" + s + "'");

        List<Param> params = new ArrayList<>();
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        Schedule schedule = null;
        Map<String, Schedule> byLevel = Map.of();
        Tilt tilt = null;
        String statistic = null;
        boolean set = status == RuleStatus.SET;
        Ctx ctx = new Ctx(from, clause, illustrative, params);

        switch (kind) {
            case BASIC -> {
                if (!set) break;
                boolean perEncounter = !m.containsKey("per_encounter") || m.get("per_encounter").bool();
                BigDecimal cap = cap(need(r, m, "cap"), ctx, "cap");
                byLevel = new TreeMap<>();
                for (Map.Entry<String, YamlNode> lv : need(r, m, "levels").map().entrySet()) {
                    Map<String, YamlNode> lm = lv.getValue().map(Set.of("deductible", "rate", "segments"));
                    String p = "levels." + lv.getKey() + ".";
                    BigDecimal d = param(need(lv.getValue(), lm, "deductible"), ctx, p + "deductible", false);
                    byLevel.put(lv.getKey(), new Schedule(d, perEncounter, segments(lv.getValue(), lm, ctx, p), cap));
                }
                if (byLevel.isEmpty()) throw m.get("levels").error("at least one hospital level");
                needPool(r, pool);
            }
            case CRITICAL_ILLNESS, SPECIAL_DRUG, ASSISTANCE, RE_ASSISTANCE, PKU_FOOD -> {
                if ((kind == RuleKind.ASSISTANCE || kind == RuleKind.RE_ASSISTANCE) && cats.isEmpty()) {
                    throw r.error(kind.name().toLowerCase() + " rules name their categories");
                }
                if (!set) break;
                needPool(r, pool);
                if (m.containsKey("tilt")) {
                    if (kind != RuleKind.CRITICAL_ILLNESS && kind != RuleKind.SPECIAL_DRUG) {
                        throw m.get("tilt").error("only critical_illness and special_drug rules may tilt another rule");
                    }
                    tilt = tilt(m.get("tilt"), ctx);
                } else {
                    boolean perEncounter = m.containsKey("per_encounter") && m.get("per_encounter").bool();
                    schedule = new Schedule(param(need(r, m, "deductible"), ctx, "deductible", false), perEncounter,
                            segments(r, m, ctx, ""), cap(need(r, m, "cap"), ctx, "cap"));
                }
            }
            case DEPOSIT_FREE -> {
                if (cats.isEmpty()) throw r.error("deposit_free rules name their categories");
            }
            case ALERT_LARGE_EXPENSE -> amounts.put("threshold", param(need(r, m, "threshold"), ctx, "threshold", false));
            case ALERT_BURDEN -> {
                amounts.put("fraction", param(need(r, m, "fraction"), ctx, "fraction", false));
                statistic = need(r, m, "statistic").str();
                needPool(r, pool);
            }
            case CATALOGUE -> amounts.put("b_selfpay_prop", param(need(r, m, "b_selfpay_prop"), ctx, "b_selfpay_prop", true));
        }
        return new Rule(id, kind, region, from, to, clause, illustrative, status, note, referralClause, insutypes, medTypes, cats,
                area, dxGroup, ageMax, ageOver, schedule, byLevel, tilt, baseAfter, pool, statistic, amounts, List.copyOf(params));
    }

    /** A rule's defaults for its parameters: its date, clause and whether it is illustrative. */
    private record Ctx(LocalDate from, String clause, boolean illustrative, List<Param> params) {}

    private static void needPool(YamlNode r, String pool) {
        if (pool == null) throw new PolicyFileException(r.file(), r.line(), r.child("pool"), "required field is missing (the ledger pool)");
    }

    /** A number, or {value, clause, from, illustrative} giving its own source; recorded with its source. */
    private static BigDecimal param(YamlNode n, Ctx ctx, String name, boolean rate) {
        BigDecimal v;
        LocalDate from = ctx.from();
        String clause = ctx.clause();
        boolean ill = ctx.illustrative();
        if (n.isMap()) {
            Map<String, YamlNode> pm = n.map(PARAM_KEYS);
            YamlNode vn = need(n, pm, "value");
            v = rate ? vn.rate() : vn.nonNegative();
            if (pm.containsKey("clause")) clause = pm.get("clause").str();
            if (pm.containsKey("from")) from = pm.get("from").date();
            if (pm.containsKey("illustrative")) ill = pm.get("illustrative").bool();
        } else {
            v = rate ? n.rate() : n.nonNegative();
        }
        ctx.params().add(new Param(name, v.toPlainString(), from, clause, ill));
        return v;
    }

    private static BigDecimal cap(YamlNode n, Ctx ctx, String name) {
        if (n.isScalar() && n.str().equals("none")) {
            ctx.params().add(new Param(name, "none", ctx.from(), ctx.clause(), ctx.illustrative()));
            return null;
        }
        return param(n, ctx, name, false);
    }

    private static List<Segment> segments(YamlNode owner, Map<String, YamlNode> m, Ctx ctx, String prefix) {
        if (m.containsKey("rate") == m.containsKey("segments")) {
            throw owner.error("give either 'rate' (one rate from 0) or 'segments' (a list of from/rate)");
        }
        if (m.containsKey("rate")) return List.of(new Segment(BigDecimal.ZERO, param(m.get("rate"), ctx, prefix + "rate", true)));
        List<Segment> out = new ArrayList<>();
        List<YamlNode> list = m.get("segments").list();
        for (int i = 0; i < list.size(); i++) {
            YamlNode s = list.get(i);
            Map<String, YamlNode> sm = s.map(Set.of("from", "rate"));
            BigDecimal from = param(need(s, sm, "from"), ctx, prefix + "segments[" + i + "].from", false);
            BigDecimal rate = param(need(s, sm, "rate"), ctx, prefix + "segments[" + i + "].rate", true);
            if (i == 0 && from.signum() != 0) throw sm.get("from").error("the first segment starts at 0 (the deductible clips it)");
            if (i > 0 && from.compareTo(out.get(i - 1).from()) <= 0) throw sm.get("from").error("segments must rise");
            out.add(new Segment(from, rate));
        }
        if (out.isEmpty()) throw m.get("segments").error("at least one segment");
        return out;
    }

    private static Tilt tilt(YamlNode n, Ctx ctx) {
        Map<String, YamlNode> m = n.map(Set.of("of", "deductible_factor", "rate_add", "cap"));
        String of = need(n, m, "of").str();
        BigDecimal f = param(need(n, m, "deductible_factor"), ctx, "tilt.deductible_factor", true);
        BigDecimal add = param(need(n, m, "rate_add"), ctx, "tilt.rate_add", true);
        String cap = need(n, m, "cap").str();
        if (!cap.equals("none") && !cap.equals("keep")) throw m.get("cap").error("tilt cap is 'none' or 'keep'");
        ctx.params().add(new Param("tilt.cap", cap, ctx.from(), ctx.clause(), ctx.illustrative()));
        return new Tilt(of, f, add, cap.equals("none"));
    }

    private static void checkTilts(RegionPolicy rp, Map<String, RegionPolicy> regions, YamlNode root) {
        for (Rule r : rp.rules()) {
            if (r.tilt() == null) continue;
            boolean found = false;
            for (RegionPolicy p = rp; p != null && !found; p = p.parent() == null ? null : regions.get(p.parent())) {
                found = p.rules().stream().anyMatch(o -> o.id().equals(r.tilt().of()) && o.kind() == r.kind() && o.tilt() == null);
            }
            if (!found) {
                throw new PolicyFileException(rp.file(), root.line(), "rules." + r.id() + ".tilt.of",
                        "rule '" + r.tilt().of() + "' (same kind, with its own schedule) is not defined in this region or its parents");
            }
        }
    }
}
