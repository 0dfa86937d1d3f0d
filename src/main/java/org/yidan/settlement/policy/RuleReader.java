package org.yidan.settlement.policy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yidan.settlement.core.Area;
import org.yidan.settlement.core.Category;
import org.yidan.settlement.core.DxGroups;
import org.yidan.settlement.core.InsuranceType;
import org.yidan.settlement.core.MedType;
import org.yidan.settlement.core.Param;
import org.yidan.settlement.core.Rule;
import org.yidan.settlement.core.RuleKind;
import org.yidan.settlement.core.RuleStatus;
import org.yidan.settlement.core.Schedule;
import org.yidan.settlement.core.Segment;
import org.yidan.settlement.core.Tilt;
import org.yidan.settlement.io.YamlNode;

/**
 * Reads one entry of a region file's {@code rules:} list into the rules it stands for: one, or one per insurance type
 * when its id names {@code {insutype}} (twins that differ only by insurance type), times one per period when a value
 * is a dated series ({@code cap: {2022-12-27: 30000, 2025-01-01: 40000}}). The README's "Policies" section
 * describes the keys.
 */
final class RuleReader {
    static final String INSUTYPE = "{insutype}";
    /** How the clause of an illustrative rule or parameter begins (it cites no document). */
    static final String ILLUSTRATIVE = "示例参数：";
    private static final Set<String> RULE_KEYS = Set.of("id", "name", "kind", "from", "to", "clause", "illustrative", "status",
            "note", "quote", "priority", "insutypes", "med_types", "categories", "area", "dx_group", "age_max", "age_over",
            "pool", "base_after", "deductible", "per_encounter", "rate", "segments", "cap", "levels", "tilt", "threshold",
            "fraction", "statistic", "b_selfpay_prop", "referral_clause");
    private static final Set<String> PARAM_KEYS = Set.of("value", "clause", "from", "illustrative");
    private static final Set<String> BASE_AFTER = Set.of("hosp_part_amt", "oth_pay");

    private final String region;
    private final Map<String, Category> vocab;
    private final DxGroups dx;

    RuleReader(String region, Map<String, Category> vocab, DxGroups dx) {
        this.region = region;
        this.vocab = vocab;
        this.dx = dx;
    }

    /** The rules one list entry stands for, in order: by insurance type as listed, then by period. */
    List<Rule> read(YamlNode r) {
        Map<String, YamlNode> m = r.map(RULE_KEYS);
        String id = PolicyLoader.need(r, m, "id").str();
        List<String> insutypes = m.containsKey("insutypes") ? m.get("insutypes").strings() : List.of();
        for (String s : insutypes) {
            if (!InsuranceType.CODES.contains(s)) throw m.get("insutypes").error("未知险种 '" + s + "'；可选：" + String.join("、", new TreeSet<>(InsuranceType.CODES)));
        }
        boolean twins = id.contains(INSUTYPE);
        if (twins && insutypes.isEmpty()) throw m.get("id").error("id 含 " + INSUTYPE + " 时须列出它代表的 insutypes");
        if (!twins && m.containsKey("pool") && m.get("pool").str().contains(INSUTYPE)) {
            throw m.get("pool").error("pool 含 " + INSUTYPE + " 但 id 不含（按险种分条的规则须在 id 中写 " + INSUTYPE + "）");
        }
        LocalDate from = PolicyLoader.need(r, m, "from").date();
        LocalDate to = m.containsKey("to") ? m.get("to").date() : null;
        if (to != null && !to.isAfter(from)) throw m.get("to").error("'to' 必须晚于 'from'");
        List<LocalDate> starts = DatedSeries.starts(r, from, to);
        List<Rule> out = new ArrayList<>();
        for (String insutype : twins ? insutypes : java.util.Collections.<String>singletonList(null)) {
            Set<String> types = insutype == null ? Set.copyOf(insutypes) : Set.of(insutype);
            for (int i = 0; i < starts.size(); i++) {
                LocalDate end = i + 1 < starts.size() ? starts.get(i + 1) : to;
                out.add(rule(r, m, new Variant(insutype, types, from, starts.get(i), end)));
            }
        }
        return out;
    }

    /** One insurance type (null: the rule as written) in one period [at, to) of a rule written from {@code from}. */
    private record Variant(String insutype, Set<String> insutypes, LocalDate from, LocalDate at, LocalDate to) {
        String sub(String s) {
            return s == null || insutype == null ? s : s.replace(INSUTYPE, insutype);
        }
    }

    private Rule rule(YamlNode r, Map<String, YamlNode> m, Variant v) {
        String id = v.sub(m.get("id").str());
        RuleKind kind = RuleKind.parse(PolicyLoader.need(r, m, "kind").str());
        if (kind == null) throw m.get("kind").error("未知的 kind；可选：" + String.join("、", java.util.Arrays.stream(RuleKind.values()).map(k -> k.name().toLowerCase()).toList()));
        String illustrative = m.containsKey("illustrative") ? m.get("illustrative").str() : null;
        if (illustrative != null && m.containsKey("clause")) {
            throw m.get("clause").error("示例规则不出自任何文件：在 'illustrative' 中写明它代表什么，借用的条款写在 'note' 中");
        }
        String clause = illustrative != null ? null : PolicyLoader.need(r, m, "clause").str();
        RuleStatus status = m.containsKey("status") ? RuleStatus.parse(m.get("status").str()) : RuleStatus.SET;
        if (status == null) throw m.get("status").error("status 应为 set、unset 或 elsewhere");
        String note = m.containsKey("note") ? m.get("note").str() : null;
        String quote = m.containsKey("quote") ? m.get("quote").str() : null;
        int priority = m.containsKey("priority") ? m.get("priority").integer() : 0;
        if (priority < 0) throw m.get("priority").error("priority 应为 0（默认）或更大；数大者优先");
        String referralClause = m.containsKey("referral_clause") ? m.get("referral_clause").str() : null;
        if (referralClause != null && kind != RuleKind.BASIC) throw m.get("referral_clause").error("只有 basic 规则可有 referral_clause");
        if (status != RuleStatus.SET && note == null) throw r.error("status 为 unset 或 elsewhere 的规则须有 'note' 说明原因");
        Set<String> medTypes = m.containsKey("med_types") ? Set.copyOf(m.get("med_types").strings()) : Set.of();
        for (String s : medTypes) if (!MedType.CODES.contains(s)) throw m.get("med_types").error("未知的 med_type '" + s + "'；可选：" + String.join("、", new TreeSet<>(MedType.CODES)));
        List<String> cats = m.containsKey("categories") ? m.get("categories").strings() : List.of();
        for (String c : cats) if (!vocab.containsKey(c)) throw m.get("categories").error("未知类别 '" + c + "'（见 policies/categories.yaml）");
        Area area = m.containsKey("area") ? Area.parse(m.get("area").str()) : Area.ANY;
        if (area == null) throw m.get("area").error("area 应为 in、out 或 any");
        String dxGroup = m.containsKey("dx_group") ? m.get("dx_group").str() : null;
        if (dxGroup != null && !dx.knows(dxGroup)) throw m.get("dx_group").error("未知病种组 '" + dxGroup + "'（见 mappings/icd10-groups.yaml）");
        Integer ageMax = m.containsKey("age_max") ? m.get("age_max").integer() : null;
        Integer ageOver = m.containsKey("age_over") ? m.get("age_over").integer() : null;
        String pool = m.containsKey("pool") ? v.sub(m.get("pool").str()) : null;
        Set<String> baseAfter = m.containsKey("base_after") ? Set.copyOf(m.get("base_after").strings()) : Set.of();
        for (String s : baseAfter) if (!BASE_AFTER.contains(s)) throw m.get("base_after").error("base_after 只能是 " + String.join("、", new TreeSet<>(BASE_AFTER)) + "，不能是 '" + s + "'");

        // The clause shown on the bill: the document and article, or what an illustrative number stands for.
        String shown = illustrative == null ? clause
                : ILLUSTRATIVE + illustrative + "（政策文件未规定" + (note == null ? "" : "；" + note) + "）";
        if (referralClause != null) shown += "；转诊连续计算起付线 " + referralClause;
        Ctx ctx = new Ctx(v, shown, illustrative != null, new ArrayList<>());
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        Schedule schedule = null;
        Map<String, Schedule> byLevel = Map.of();
        Tilt tilt = null;
        String statistic = null;
        boolean set = status == RuleStatus.SET;
        switch (kind) {
            case BASIC -> {
                if (!set) break;
                boolean perEncounter = !m.containsKey("per_encounter") || m.get("per_encounter").bool();
                BigDecimal cap = cap(PolicyLoader.need(r, m, "cap"), ctx, "cap");
                byLevel = new TreeMap<>();
                for (Map.Entry<String, YamlNode> lv : PolicyLoader.need(r, m, "levels").map().entrySet()) {
                    Map<String, YamlNode> lm = lv.getValue().map(Set.of("deductible", "rate", "segments"));
                    String p = "levels." + lv.getKey() + ".";
                    BigDecimal d = param(PolicyLoader.need(lv.getValue(), lm, "deductible"), ctx, p + "deductible", false);
                    byLevel.put(lv.getKey(), new Schedule(d, perEncounter, segments(lv.getValue(), lm, ctx, p), cap));
                }
                if (byLevel.isEmpty()) throw m.get("levels").error("至少需要一个医院等级");
                needPool(r, pool);
            }
            case CRITICAL_ILLNESS, SPECIAL_DRUG, ASSISTANCE, RE_ASSISTANCE, PKU_FOOD -> {
                if ((kind == RuleKind.ASSISTANCE || kind == RuleKind.RE_ASSISTANCE) && cats.isEmpty()) {
                    throw r.error(kind.name().toLowerCase() + " 规则须列出 categories");
                }
                if (!set) break;
                needPool(r, pool);
                if (m.containsKey("tilt")) {
                    if (kind != RuleKind.CRITICAL_ILLNESS && kind != RuleKind.SPECIAL_DRUG) {
                        throw m.get("tilt").error("只有 critical_illness 和 special_drug 规则可用 tilt 调整另一条规则");
                    }
                    tilt = tilt(m.get("tilt"), ctx);
                } else {
                    boolean perEncounter = m.containsKey("per_encounter") && m.get("per_encounter").bool();
                    schedule = new Schedule(param(PolicyLoader.need(r, m, "deductible"), ctx, "deductible", false), perEncounter,
                            segments(r, m, ctx, ""), cap(PolicyLoader.need(r, m, "cap"), ctx, "cap"));
                }
            }
            case DEPOSIT_FREE -> {
                if (cats.isEmpty()) throw r.error("deposit_free 规则须列出 categories");
            }
            case ALERT_LARGE_EXPENSE -> amounts.put("threshold", param(PolicyLoader.need(r, m, "threshold"), ctx, "threshold", false));
            case ALERT_BURDEN -> {
                amounts.put("fraction", param(PolicyLoader.need(r, m, "fraction"), ctx, "fraction", false));
                statistic = PolicyLoader.need(r, m, "statistic").str();
                needPool(r, pool);
            }
            case CATALOGUE -> amounts.put("b_selfpay_prop", param(PolicyLoader.need(r, m, "b_selfpay_prop"), ctx, "b_selfpay_prop", true));
        }
        boolean anyIllustrative = ctx.illustrative() || ctx.params().stream().anyMatch(Param::illustrative);
        String name = m.containsKey("name") ? m.get("name").str()
                : RuleNames.derive(kind, v.insutypes(), medTypes, cats, vocab, area, ageMax, ageOver, illustrative);
        return new Rule(id, kind, region, v.at(), v.to(), shown, anyIllustrative, status, note, referralClause, v.insutypes(),
                medTypes, cats, area, dxGroup, ageMax, ageOver, schedule, byLevel, tilt, baseAfter, pool, statistic, amounts,
                List.copyOf(ctx.params()), priority, quote, name);
    }

    /** A rule's defaults for its parameters: its variant, the clause shown and whether it is illustrative. */
    private record Ctx(Variant v, String clause, boolean illustrative, List<Param> params) {}

    private static void needPool(YamlNode r, String pool) {
        if (pool == null) throw r.errorAt("pool", "缺少必填字段（累计所记的台账）");
    }

    /**
     * A number; or {value, clause, from, illustrative} giving its own source; or a dated series of either, of which
     * the entry in force at the variant's start is taken (its date is the parameter's). Recorded with its source.
     */
    private static BigDecimal param(YamlNode n, Ctx ctx, String name, boolean rate) {
        LocalDate from = ctx.v().from();
        Map.Entry<LocalDate, YamlNode> dated = DatedSeries.at(n, ctx.v().at());
        if (dated != null) {
            from = dated.getKey();
            n = dated.getValue();
        }
        String clause = ctx.clause();
        boolean ill = ctx.illustrative();
        YamlNode vn = n;
        if (n.isMap()) {
            Map<String, YamlNode> pm = n.map(PARAM_KEYS);
            vn = PolicyLoader.need(n, pm, "value");
            if (pm.containsKey("clause") && pm.containsKey("illustrative")) {
                throw pm.get("clause").error("一个值要么出自 clause，要么是 illustrative，不能两者都有");
            }
            if (pm.containsKey("clause")) clause = pm.get("clause").str();
            if (pm.containsKey("from")) from = pm.get("from").date();
            if (pm.containsKey("illustrative")) {
                clause = ILLUSTRATIVE + pm.get("illustrative").str() + "（政策文件未规定）";
                ill = true;
            }
        }
        BigDecimal v = rate ? vn.rate() : vn.nonNegative();
        ctx.params().add(new Param(name, v.toPlainString(), from, clause, ill));
        return v;
    }

    private static BigDecimal cap(YamlNode n, Ctx ctx, String name) {
        Map.Entry<LocalDate, YamlNode> dated = DatedSeries.at(n, ctx.v().at());
        YamlNode value = dated == null ? n : dated.getValue();
        if (value.isScalar() && value.str().equals("none")) {
            ctx.params().add(new Param(name, "none", dated == null ? ctx.v().from() : dated.getKey(), ctx.clause(), ctx.illustrative()));
            return null;
        }
        return param(n, ctx, name, false);
    }

    private static List<Segment> segments(YamlNode owner, Map<String, YamlNode> m, Ctx ctx, String prefix) {
        if (m.containsKey("rate") == m.containsKey("segments")) {
            throw owner.error("须给出 'rate'（从 0 起的单一比例）或 'segments'（from/rate 列表），二者只取其一");
        }
        if (m.containsKey("rate")) return List.of(new Segment(BigDecimal.ZERO, param(m.get("rate"), ctx, prefix + "rate", true)));
        List<Segment> out = new ArrayList<>();
        List<YamlNode> list = m.get("segments").list();
        for (int i = 0; i < list.size(); i++) {
            YamlNode s = list.get(i);
            Map<String, YamlNode> sm = s.map(Set.of("from", "rate"));
            BigDecimal from = param(PolicyLoader.need(s, sm, "from"), ctx, prefix + "segments[" + i + "].from", false);
            BigDecimal rate = param(PolicyLoader.need(s, sm, "rate"), ctx, prefix + "segments[" + i + "].rate", true);
            if (i == 0 && from.signum() != 0) throw sm.get("from").error("第一段须从 0 开始（起付线会截去其下部分）");
            if (i > 0 && from.compareTo(out.get(i - 1).from()) <= 0) throw sm.get("from").error("各段的 from 必须递增");
            out.add(new Segment(from, rate));
        }
        if (out.isEmpty()) throw m.get("segments").error("至少需要一段");
        return out;
    }

    private static Tilt tilt(YamlNode n, Ctx ctx) {
        Map<String, YamlNode> m = n.map(Set.of("of", "deductible_factor", "rate_add", "cap"));
        String of = ctx.v().sub(PolicyLoader.need(n, m, "of").str());
        if (ctx.v().insutype() == null && of.contains(INSUTYPE)) {
            throw m.get("of").error("含 " + INSUTYPE + " 但规则的 id 不含");
        }
        BigDecimal f = param(PolicyLoader.need(n, m, "deductible_factor"), ctx, "tilt.deductible_factor", true);
        BigDecimal add = param(PolicyLoader.need(n, m, "rate_add"), ctx, "tilt.rate_add", true);
        String cap = PolicyLoader.need(n, m, "cap").str();
        if (!cap.equals("none") && !cap.equals("keep")) throw m.get("cap").error("tilt 的 cap 应为 'none' 或 'keep'");
        ctx.params().add(new Param("tilt.cap", cap, ctx.v().from(), ctx.clause(), ctx.illustrative()));
        return new Tilt(of, f, add, cap.equals("none"));
    }
}
