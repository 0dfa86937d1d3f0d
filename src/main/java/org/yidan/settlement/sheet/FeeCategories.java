package org.yidan.settlement.sheet;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yidan.settlement.core.ChargeClass;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.io.YamlNode;
import org.yidan.settlement.policy.PolicyFileException;

/**
 * The sheet's 费用分类: a stay's charge lines summed by fee category (床位费, 西药费, 手术费…), each with its 甲/乙/丙
 * split, by the longest prefix of the item code that {@code mappings/fee-categories.yaml} names; a code no prefix
 * matches is {@code other}.
 */
public final class FeeCategories {
    /**
     * One category's lines: the amount, and of it what is 甲类, 乙类 and 丙类 (the line's charge class).
     *
     * @param code  the category's code (bed, western_drugs, …)
     * @param name  its name on the sheet (床位费…)
     * @param lines how many charge lines
     */
    public record Row(String code, String name, int lines, BigDecimal amount, BigDecimal classA, BigDecimal classB, BigDecimal classC) {}

    public static final String OTHER = "other";

    private final String file;
    private final Map<String, String> names;
    private final Map<String, String> prefixes;

    private FeeCategories(String file, Map<String, String> names, Map<String, String> prefixes) {
        this.file = file;
        this.names = names;
        this.prefixes = prefixes;
    }

    /** Loads the file; a problem names the file, the line and the field. */
    public static FeeCategories load(Path file) {
        YamlNode root = YamlNode.parse(file, PolicyFileException::new);
        Map<String, YamlNode> top = root.map(Set.of("categories", "prefixes"));
        Map<String, String> names = new LinkedHashMap<>();
        top.get("categories").map().forEach((k, v) -> names.put(k, v.str()));
        if (!names.containsKey(OTHER)) throw top.get("categories").error("缺少类别 '" + OTHER + "'（没有前缀匹配时归入此类）");
        Map<String, String> prefixes = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : top.get("prefixes").map().entrySet()) {
            String category = e.getValue().str();
            if (!names.containsKey(category)) {
                throw e.getValue().error("'" + category + "' 不是已有类别：" + String.join("、", names.keySet()));
            }
            prefixes.put(e.getKey(), category);
        }
        return new FeeCategories(file.toString(), Collections.unmodifiableMap(names), Collections.unmodifiableMap(prefixes));
    }

    public String file() {
        return file;
    }

    /** The category of an item code: the longest prefix named; {@link #OTHER} when none. */
    public String categoryOf(String itemCode) {
        String best = null;
        if (itemCode != null) {
            for (String p : prefixes.keySet()) {
                if (itemCode.startsWith(p) && (best == null || p.length() > best.length())) best = p;
            }
        }
        return best == null ? OTHER : prefixes.get(best);
    }

    /** The lines by category, in the file's order of categories; categories without lines are left out. */
    public List<Row> split(List<FeeLine> lines) {
        Map<String, BigDecimal[]> sums = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String c : names.keySet()) {
            sums.put(c, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            counts.put(c, 0);
        }
        for (FeeLine l : lines) {
            String c = categoryOf(l.medListCodg());
            BigDecimal amt = l.detItemFeeSumamt() == null ? BigDecimal.ZERO : l.detItemFeeSumamt();
            BigDecimal[] s = sums.get(c);
            s[0] = s[0].add(amt);
            int k = l.chrgitmLv() == ChargeClass.A ? 1 : l.chrgitmLv() == ChargeClass.B ? 2 : 3;
            s[k] = s[k].add(amt);
            counts.merge(c, 1, Integer::sum);
        }
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, BigDecimal[]> e : sums.entrySet()) {
            if (counts.get(e.getKey()) == 0) continue;
            BigDecimal[] s = e.getValue();
            out.add(new Row(e.getKey(), names.get(e.getKey()), counts.get(e.getKey()), money(s[0]), money(s[1]), money(s[2]), money(s[3])));
        }
        return List.copyOf(out);
    }

    /** The rows added up: 合计 (null when there are none). */
    public static Row total(List<Row> rows) {
        if (rows.isEmpty()) return null;
        BigDecimal amt = BigDecimal.ZERO, a = BigDecimal.ZERO, b = BigDecimal.ZERO, c = BigDecimal.ZERO;
        int n = 0;
        for (Row r : rows) {
            amt = amt.add(r.amount());
            a = a.add(r.classA());
            b = b.add(r.classB());
            c = c.add(r.classC());
            n += r.lines();
        }
        return new Row("total", "合计", n, money(amt), money(a), money(b), money(c));
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
