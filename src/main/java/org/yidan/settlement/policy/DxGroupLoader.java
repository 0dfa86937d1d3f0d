package org.yidan.settlement.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yidan.settlement.core.DxGroups;
import org.yidan.settlement.io.YamlNode;

/**
 * Loads mappings/icd10-groups.yaml: named groups of diseases, each with ICD-10 codes. A code entry is a prefix
 * ("I21", "N18.5") or a range of three-character categories ("C00-C97"): a diagnosis is a disease's when it starts
 * with a prefix or its first three characters fall in a range. A disease may have an {@code age_max} (儿童: the
 * patient's age on the discharge date at most that); a group says which diagnosis decides ({@code diagnosis: main},
 * the default: the stay's main diagnosis, the first; or {@code any}).
 */
final class DxGroupLoader {
    private DxGroupLoader() {}

    record Entry(String from, String to) {
        boolean matches(String code) {
            String c = code.trim().toUpperCase();
            if (to == null) return c.startsWith(from);
            if (c.length() < 3) return false;
            String cat = c.substring(0, 3);
            return cat.compareTo(from) >= 0 && cat.compareTo(to) <= 0;
        }
    }

    record Disease(String name, String codes, List<Entry> entries, Integer ageMax) {
        boolean has(String code) {
            return code != null && entries.stream().anyMatch(e -> e.matches(code));
        }
    }

    record Group(String title, String clause, boolean mainOnly, List<Disease> diseases) {}

    static DxGroups load(Path f) {
        if (!Files.isRegularFile(f)) throw new PolicyFileException(f.toString(), 0, "groups", "文件不存在（ICD-10 病种组）");
        YamlNode root = PolicyLoader.parse(f);
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> g : root.map(Set.of("groups")).get("groups").map().entrySet()) {
            Map<String, YamlNode> gm = g.getValue().map(Set.of("title", "clause", "diagnosis", "note", "diseases"));
            YamlNode diseases = gm.get("diseases");
            if (diseases == null) throw g.getValue().error("病种组须列出 diseases");
            String which = gm.containsKey("diagnosis") ? gm.get("diagnosis").str() : "main";
            if (!which.equals("main") && !which.equals("any")) {
                throw gm.get("diagnosis").error("diagnosis 应为 main（按本次住院的主要诊断认定）或 any");
            }
            List<Disease> list = new ArrayList<>();
            for (YamlNode d : diseases.list()) list.add(disease(d));
            String title = gm.containsKey("title") ? gm.get("title").str() : g.getKey();
            String clause = gm.containsKey("clause") ? gm.get("clause").str() : null;
            groups.put(g.getKey(), new Group(title, clause, which.equals("main"), List.copyOf(list)));
        }
        return new Loaded(groups);
    }

    private static Disease disease(YamlNode d) {
        Map<String, YamlNode> dm = d.map(Set.of("name", "codes", "age_max", "note"));
        if (!dm.containsKey("name") || !dm.containsKey("codes")) throw d.error("病种须有 name 和 codes");
        List<Entry> entries = new ArrayList<>();
        List<String> codes = dm.get("codes").strings();
        for (String code : codes) {
            String c = code.toUpperCase();
            if (c.matches("[A-Z]\\d\\d-[A-Z]\\d\\d")) {
                entries.add(new Entry(c.substring(0, 3), c.substring(4)));
            } else if (c.matches("[A-Z]\\d\\d(\\.\\d{1,4})?")) {
                entries.add(new Entry(c, null));
            } else {
                throw dm.get("codes").error("不是 ICD-10 编码或范围：'" + code + "'");
            }
        }
        Integer ageMax = dm.containsKey("age_max") ? dm.get("age_max").integer() : null;
        if (ageMax != null && ageMax < 0) throw dm.get("age_max").error("年龄应为 0 或更大");
        return new Disease(dm.get("name").str(), String.join("、", codes), List.copyOf(entries), ageMax);
    }

    private record Loaded(Map<String, Group> groups) implements DxGroups {
        public Result match(String group, List<String> diagnoses, Integer age) {
            Group g = groups.get(group);
            if (g == null || diagnoses.isEmpty()) return new Result(null, List.of());
            List<String> misses = new ArrayList<>();
            Match decided = null;
            for (int i = 0; i < diagnoses.size(); i++) {
                String dx = diagnoses.get(i);
                boolean main = i == 0;
                for (Disease d : g.diseases()) {
                    if (!d.has(dx)) continue;
                    String where = (main ? "主要诊断 " : "其他诊断 ") + dx + " 属「" + d.name() + "」（" + d.codes() + "）";
                    if (d.ageMax() != null && (age == null || age > d.ageMax())) {
                        misses.add(where + "，但" + (age == null ? "出生日期未知，无法认定为儿童" : "患者出院时 " + age + " 岁")
                                + "（限 " + d.ageMax() + " 岁及以下）");
                        continue;
                    }
                    if (!main && g.mainOnly()) {
                        if (decided == null) misses.add(where + "，但本次住院按主要诊断认定病种");
                        break;
                    }
                    if (decided == null) decided = new Match(dx, main, d.name(), d.codes());
                    break;
                }
                if (decided != null) break;
            }
            return new Result(decided, List.copyOf(misses));
        }

        public boolean knows(String group) {
            return groups.containsKey(group);
        }

        public String describe(String group) {
            Group g = groups.get(group);
            if (g == null) return group;
            return g.title() + (g.clause() == null ? "" : "（" + g.clause() + "）");
        }
    }
}
