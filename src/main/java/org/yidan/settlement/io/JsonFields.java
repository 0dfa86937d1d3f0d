package org.yidan.settlement.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.yidan.settlement.core.Identity;
import org.yidan.settlement.core.Limits;
import org.yidan.settlement.core.PoolTotals;
import org.yidan.settlement.core.YearToDate;

/**
 * Field readers for the JSON shapes that record each problem ("source: field: what is wrong") instead of failing at the
 * first, so that a message's every problem is reported at once (typed JSON reading in one place, as hl7/FieldReader is
 * for HL7).
 */
final class JsonFields {
    final String src;
    final List<String> problems;

    JsonFields(String src, List<String> problems) {
        this.src = src;
        this.problems = problems;
    }

    void problem(String field, String what) {
        problems.add(src + ": " + field + ": " + what);
    }

    void unknown(JsonNode n, Set<String> allowed, String prefix) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) problem(prefix + k, "未知字段");
        }
    }

    String str(JsonNode n, String key, boolean required) {
        return strAt(n, key, null, required);
    }

    String strAt(JsonNode n, String key, String at, boolean required) {
        String field = at == null ? key : at + "." + key;
        JsonNode v = n.get(key);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) problem(field, "缺少必填字段");
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            problem(field, "应为文本");
            return null;
        }
        String text = v.asText().trim();
        String tooLong = Limits.tooLong(key, text);
        if (tooLong != null) {
            problem(field, tooLong);
            return null;
        }
        return text;
    }

    String code(JsonNode n, String key, Set<String> allowed) {
        String s = str(n, key, true);
        if (s != null && !allowed.contains(s)) {
            problem(key, "'" + s + "' 不是可用的代码，应为 " + String.join("、", new java.util.TreeSet<>(allowed)) + " 之一");
            return null;
        }
        return s;
    }

    String admdvs(JsonNode n, String key) {
        String s = str(n, key, true);
        if (s != null && !s.matches("\\d{6}")) {
            problem(key, "'" + s + "' 不是 6 位医保区划代码");
            return null;
        }
        return s;
    }

    LocalDate date(JsonNode n, String key, boolean required) {
        return dateAt(n, key, null, required);
    }

    LocalDate dateAt(JsonNode n, String key, String at, boolean required) {
        String s = strAt(n, key, at, required);
        if (s == null) return null;
        String d = s.length() > 10 ? s.substring(0, 10) : s;
        try {
            return LocalDate.parse(d);
        } catch (DateTimeParseException ex) {
            problem(at == null ? key : at + "." + key, "'" + s + "' 不是日期（应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM:SS）");
            return null;
        }
    }

    private static final Set<String> IDENTITY_FIELDS = Set.of("category", "begntime", "endtime", "comment");

    /** relief_identities: [{category, begntime, endtime}] (1101's psn_idet_type with its dates; either date may be left out). */
    List<Identity> identities(JsonNode n, String key) {
        JsonNode v = list(n, key, "列表 [{category, begntime, endtime}]");
        if (v == null) return List.of();
        List<Identity> out = new ArrayList<>();
        eachObject(v, key, "{category, begntime, endtime}", IDENTITY_FIELDS, (x, at) -> {
            String category = strAt(x, "category", at, true);
            LocalDate begin = dateAt(x, "begntime", at, false);
            LocalDate end = dateAt(x, "endtime", at, false);
            if (begin != null && end != null && end.isBefore(begin)) {
                problem(at + ".endtime", end + " 早于该身份的开始日期 begntime " + begin);
            } else if (category != null) {
                out.add(new Identity(category, begin, end));
            }
        });
        return List.copyOf(out);
    }

    /**
     * Each element of a JSON list of objects, with its place ({@code field[i]}); an element that is not an object, or
     * a field not in {@code allowed}, is a problem there ({@code shape} says what an element looks like).
     */
    void eachObject(JsonNode list, String field, String shape, Set<String> allowed, BiConsumer<JsonNode, String> each) {
        for (int i = 0; i < list.size(); i++) {
            String at = field + "[" + i + "]";
            JsonNode x = list.get(i);
            if (!x.isObject()) {
                problem(at, "应为对象 " + shape);
                continue;
            }
            unknown(x, allowed, at + ".");
            each.accept(x, at);
        }
    }

    private static final Set<String> YTD_FIELDS = Set.of("year", "as_of", "source", "layers", "pools", "comment");

    /**
     * year_to_date: {year, as_of, source, layers: {layer: {base, paid}}, pools: {pool: {base, paid}}} (the platform's
     * 5206 totals so far this year); each paid at most its base.
     */
    YearToDate yearToDate(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) {
            problem(key, "应为对象 {year, as_of, source, layers, pools}");
            return null;
        }
        int before = problems.size();
        unknown(v, YTD_FIELDS, key + ".");
        BigDecimal year = decimal(v, "year", key + ".year", true, false);
        if (year != null && (year.stripTrailingZeros().scale() > 0 || year.intValue() < 1900 || year.intValue() > 9999)) {
            problem(key + ".year", "'" + year.toPlainString() + "' 不是年份");
        }
        LocalDate asOf = dateAt(v, "as_of", key, true);
        String source = strAt(v, "source", key, true);
        Map<String, PoolTotals> layers = totals(v, "layers", key, YearToDate.LAYERS);
        Map<String, PoolTotals> pools = totals(v, "pools", key, null);
        if (layers.isEmpty() && pools.isEmpty() && problems.size() == before) problem(key, "没有给出 layers，也没有给出 pools");
        if (problems.size() > before) return null;
        return new YearToDate(year.intValue(), asOf, source, layers, pools);
    }

    /** {name: {base, paid}} under key.field; names from {@code allowed} (null: any). */
    private Map<String, PoolTotals> totals(JsonNode v, String field, String key, Set<String> allowed) {
        JsonNode m = v.get(field);
        Map<String, PoolTotals> out = new LinkedHashMap<>();
        if (m == null || m.isNull()) return out;
        String at = key + "." + field;
        if (!m.isObject()) {
            problem(at, "应为对象 {名称: {base, paid}}");
            return out;
        }
        for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String here = at + "." + name;
            if (allowed != null && !allowed.contains(name)) {
                problem(here, "未知的累计层次，应为 " + String.join("、", new java.util.TreeSet<>(allowed)) + " 之一");
                continue;
            }
            JsonNode t = m.get(name);
            if (!t.isObject()) {
                problem(here, "应为对象 {base, paid}");
                continue;
            }
            unknown(t, Set.of("base", "paid"), here + ".");
            BigDecimal base = money(t, "base", here + ".base", true);
            BigDecimal paid = money(t, "paid", here + ".paid", true);
            if (base != null && paid != null && paid.compareTo(base) > 0) {
                problem(here + ".paid", paid.toPlainString() + " 超过累计基数 " + base.toPlainString());
                continue;
            }
            if (base != null && paid != null) out.put(name, new PoolTotals(base, paid));
        }
        return out;
    }

    /** The array at key; null when absent, or (with a problem) when not an array of at most MAX_LIST entries. */
    private JsonNode list(JsonNode n, String key, String expected) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isArray()) {
            problem(key, "应为" + expected);
            return null;
        }
        if (v.size() > Limits.MAX_LIST) {
            problem(key, "共 " + v.size() + " 项，最多 " + Limits.MAX_LIST + " 项");
            return null;
        }
        return v;
    }

    List<String> strings(JsonNode n, String key) {
        JsonNode v = list(n, key, "文本列表");
        if (v == null) return List.of();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode x = v.get(i);
            String tooLong = x.isTextual() ? Limits.tooLong("diagnoses", x.asText().trim()) : null;
            if (!x.isTextual() || x.asText().isBlank()) problem(key + "[" + i + "]", "应为文本");
            else if (tooLong != null) problem(key + "[" + i + "]", "代码" + tooLong);
            else out.add(x.asText().trim());
        }
        return List.copyOf(out);
    }

    BigDecimal decimal(JsonNode n, String key, String field, boolean required, boolean rate) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) problem(field, "缺少必填字段");
            return null;
        }
        BigDecimal d;
        if (v.isNumber()) {
            d = v.decimalValue();
        } else if (v.isTextual()) {
            String t = v.asText().trim();
            if (t.length() > 40) {
                problem(field, "不是数字（长 " + t.length() + " 个字符）");
                return null;
            }
            try {
                d = new BigDecimal(t);
            } catch (NumberFormatException ex) {
                problem(field, "不是数字：'" + t + "'");
                return null;
            }
        } else {
            problem(field, "不是数字：" + v);
            return null;
        }
        // bounded before anything else is done with it (1e9999999 would take minutes to write out)
        String range = Limits.outOfRange(d);
        if (range != null) {
            problem(field, "'" + (v.isTextual() ? v.asText().trim() : v.toString()) + "' " + range);
            return null;
        }
        if (d.signum() < 0) {
            problem(field, "不能为负数：" + d.toPlainString());
            return null;
        }
        if (rate && d.compareTo(BigDecimal.ONE) > 0) {
            problem(field, "比例应在 0 到 1 之间：" + d.toPlainString());
            return null;
        }
        return d;
    }

    BigDecimal money(JsonNode n, String key, String field, boolean required) {
        BigDecimal d = decimal(n, key, field, required, false);
        if (d == null) return null;
        if (d.stripTrailingZeros().scale() > 2) {
            problem(field, "金额最多两位小数（精确到分）：" + d.toPlainString());
            return null;
        }
        String large = Limits.amountTooLarge(d);
        if (large != null) {
            problem(field, d.toPlainString() + " " + large);
            return null;
        }
        return d.setScale(2);
    }
}
