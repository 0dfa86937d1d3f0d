package org.yidan.settlement.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.yidan.settlement.io.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yidan.settlement.core.DxGroups;

/**
 * Loads mappings/icd10-groups.yaml: named groups of ICD-10 codes. An entry is a code prefix ("I21", "N18.5") or a
 * range of three-character categories ("C00-C97"). A diagnosis belongs to a group when it starts with a prefix or
 * its first three characters fall in a range.
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

    static DxGroups load(Path f) {
        if (!Files.isRegularFile(f)) throw new PolicyFileException(f.toString(), 0, "groups", "file missing (ICD-10 diagnosis groups)");
        YamlNode root = PolicyLoader.parse(f);
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> g : root.map(Set.of("groups")).get("groups").map().entrySet()) {
            Map<String, YamlNode> gm = g.getValue().map(Set.of("title", "clause", "diseases"));
            List<Entry> entries = new ArrayList<>();
            YamlNode diseases = gm.get("diseases");
            if (diseases == null) throw g.getValue().error("a group lists its diseases");
            for (YamlNode d : diseases.list()) {
                Map<String, YamlNode> dm = d.map(Set.of("name", "codes", "note"));
                if (!dm.containsKey("name") || !dm.containsKey("codes")) throw d.error("a disease has a name and codes");
                for (String code : dm.get("codes").strings()) {
                    String c = code.toUpperCase();
                    if (c.matches("[A-Z]\\d\\d-[A-Z]\\d\\d")) {
                        entries.add(new Entry(c.substring(0, 3), c.substring(4)));
                    } else if (c.matches("[A-Z]\\d\\d(\\.\\d{1,4})?")) {
                        entries.add(new Entry(c, null));
                    } else {
                        throw dm.get("codes").error("not an ICD-10 code or range: '" + code + "'");
                    }
                }
            }
            groups.put(g.getKey(), List.copyOf(entries));
        }
        return new DxGroups() {
            public boolean contains(String group, String icd10) {
                List<Entry> es = groups.get(group);
                return es != null && icd10 != null && es.stream().anyMatch(e -> e.matches(icd10));
            }

            public boolean knows(String group) {
                return groups.containsKey(group);
            }
        };
    }
}
