package org.yidan.settlement.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yidan.settlement.io.YamlNode;
import org.yidan.settlement.core.Category;
import org.yidan.settlement.core.Document;
import org.yidan.settlement.core.DxGroups;
import org.yidan.settlement.core.Param;
import org.yidan.settlement.core.PolicySet;
import org.yidan.settlement.core.RegionPolicy;
import org.yidan.settlement.core.Rule;

/**
 * Loads and checks policies/ (one YAML file per region, plus categories.yaml) and mappings/icd10-groups.yaml.
 * Any error names the file, line and field; a policy set is returned only when every file is valid.
 */
public final class PolicyLoader {

    private static final Set<String> REGION_KEYS = Set.of("region", "name", "parent", "area", "documents", "statistics", "rules");
    private static final Set<String> DOC_KEYS = Set.of("id", "title", "from", "to");

    private PolicyLoader() {}

    /** Loads every *.yaml in policiesDir (categories.yaml is the vocabulary) and the ICD-10 groups in mappingsDir. */
    public static PolicySet load(Path policiesDir, Path mappingsDir) {
        Path vocab = policiesDir.resolve("categories.yaml");
        if (!Files.isRegularFile(vocab)) {
            throw new PolicyFileException(vocab.toString(), 0, "categories", "文件不存在（救助类别词表）");
        }
        Map<String, Category> categories = loadCategories(vocab);
        DxGroups dx = DxGroupLoader.load(mappingsDir.resolve("icd10-groups.yaml"));
        Map<String, RegionPolicy> regions = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(policiesDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml") && !p.equals(vocab)).sorted().toList();
        } catch (IOException ex) {
            throw new PolicyFileException(policiesDir.toString(), 0, "", "无法列出目录：" + ex.getMessage());
        }
        Map<String, YamlNode> where = new HashMap<>();
        for (Path f : files) {
            YamlNode root = parse(f);
            RegionPolicy rp = region(root, f.toString(), categories, dx);
            if (regions.containsKey(rp.region())) {
                throw root.map().get("region").error("地区 " + rp.region() + " 已在 " + regions.get(rp.region()).file() + " 中定义");
            }
            regions.put(rp.region(), rp);
            where.put(rp.region(), root);
        }
        for (RegionPolicy rp : regions.values()) {
            if (rp.parent() != null && !regions.containsKey(rp.parent())) {
                throw where.get(rp.region()).map().get("parent").error("上级地区 '" + rp.parent() + "' 没有政策文件");
            }
            checkTilts(rp, regions, where.get(rp.region()));
            checkClauses(rp, regions, where.get(rp.region()));
        }
        return new PolicySet(regions, categories, dx, FundCodeLoader.load(mappingsDir.resolve("fund-codes.yaml")));
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
            if (!code.matches("[A-Z][A-Z0-9_]*")) throw m.get("code").error("代码只能由大写字母、数字和 _ 组成");
            if (out.containsKey(code)) throw m.get("code").error("重复的类别 " + code);
            out.put(code, new Category(code, need(c, m, "name").str()));
        }
        return out;
    }

    static YamlNode need(YamlNode parent, Map<String, YamlNode> m, String key) {
        YamlNode n = m.get(key);
        if (n == null) throw new PolicyFileException(parent.file(), parent.line(), parent.child(key), "缺少必填字段");
        return n;
    }

    private static RegionPolicy region(YamlNode root, String file, Map<String, Category> categories, DxGroups dx) {
        Map<String, YamlNode> m = root.map(REGION_KEYS);
        String region = need(root, m, "region").str();
        if (!region.matches("\\d{6}")) throw m.get("region").error("region 应为 6 位行政区划代码");
        String name = need(root, m, "name").str();
        String parent = m.containsKey("parent") ? m.get("parent").str() : null;
        List<String> area = need(root, m, "area").strings();
        for (String a : area) if (!a.matches("\\d{2,6}")) throw m.get("area").error("area 各项应为行政区划代码的前缀：'" + a + "'");
        List<Document> docs = new ArrayList<>();
        for (YamlNode d : need(root, m, "documents").list()) {
            Map<String, YamlNode> dm = d.map(DOC_KEYS);
            LocalDate from = need(d, dm, "from").date();
            LocalDate to = dm.containsKey("to") ? dm.get("to").date() : null;
            if (to != null && !to.isAfter(from)) throw dm.get("to").error("'to' 必须晚于 'from'");
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
                        throw y.getValue().error("statistics 的键应为年份：'" + y.getKey() + "'");
                    }
                    Map<String, YamlNode> vm = y.getValue().map(Set.of("value", "source"));
                    byYear.put(year, new RegionPolicy.Statistic(need(y.getValue(), vm, "value").nonNegative(),
                            need(y.getValue(), vm, "source").str()));
                }
                stats.put(s.getKey(), byYear);
            }
        }
        List<Rule> rules = new ArrayList<>();
        Map<Rule, YamlNode> where = new IdentityHashMap<>();
        if (m.containsKey("rules")) {
            RuleReader reader = new RuleReader(region, categories, dx);
            for (YamlNode r : m.get("rules").list()) {
                for (Rule rule : reader.read(r)) {
                    // The same id may appear again with another period (a dated history), never overlapping.
                    for (Rule other : rules) {
                        if (other.id().equals(rule.id()) && overlaps(other, rule)) {
                            throw r.error("规则 '" + rule.id() + "' 与同一 id 的另一时段重叠");
                        }
                    }
                    rules.add(rule);
                    where.put(rule, r);
                }
            }
        }
        RulePrecedence.check(rules, where);
        return new RegionPolicy(region, name, parent, area, docs, rules, stats, file);
    }

    private static boolean overlaps(Rule a, Rule b) {
        LocalDate aTo = a.to() == null ? LocalDate.MAX : a.to();
        LocalDate bTo = b.to() == null ? LocalDate.MAX : b.to();
        return a.from().isBefore(bTo) && b.from().isBefore(aTo);
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
                        "规则 '" + r.tilt().of() + "'（同一 kind、有自己的分段）未在本地区或上级地区中定义");
            }
        }
    }

    /** Every clause cited names a document of its region or of a region it layers on (an illustrative one cites none). */
    private static void checkClauses(RegionPolicy rp, Map<String, RegionPolicy> regions, YamlNode root) {
        List<String> docs = new ArrayList<>();
        for (RegionPolicy p = rp; p != null; p = p.parent() == null ? null : regions.get(p.parent())) {
            for (Document d : p.documents()) docs.add(d.id());
        }
        for (Rule r : rp.rules()) {
            List<String> cited = new ArrayList<>();
            cited.add(r.clause());
            if (r.referralClause() != null) cited.add(r.referralClause());
            for (Param p : r.params()) cited.add(p.clause());
            for (String c : cited) {
                if (c.startsWith(RuleReader.ILLUSTRATIVE) || docs.stream().anyMatch(c::startsWith)) continue;
                throw new PolicyFileException(rp.file(), root.line(), "rules." + r.id() + ".clause", "'" + c
                        + "' 不是本地区或上级地区的文件（" + String.join("、", docs)
                        + "）；clause 应为文件号加条款，如 '" + docs.get(0) + " 三(四)1'");
            }
        }
    }
}
