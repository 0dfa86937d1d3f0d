package org.yidan.settlement.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yidan.settlement.io.YamlNode;

/**
 * A value that changes over time, written as a mapping from the date each value takes effect to the value:
 * {@code cap: {2022-12-27: 30000, 2025-01-01: 40000}}. The first date is the rule's {@code from}; each later date
 * starts a new period of the same rule, so a change in a document is one line in the policy file.
 */
final class DatedSeries {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private DatedSeries() {}

    /** The series' entries by date, or null when {@code n} is not a dated series. */
    static TreeMap<LocalDate, YamlNode> of(YamlNode n) {
        if (!n.isMap()) return null;
        Map<String, YamlNode> m = n.map();
        long dated = m.keySet().stream().filter(k -> DATE.matcher(k).matches()).count();
        if (dated == 0) return null;
        if (dated < m.size()) throw n.error("按日期分段的值只能以日期为键（YYYY-MM-DD: 值）");
        TreeMap<LocalDate, YamlNode> out = new TreeMap<>();
        for (Map.Entry<String, YamlNode> e : m.entrySet()) {
            LocalDate d;
            try {
                d = LocalDate.parse(e.getKey());
            } catch (java.time.format.DateTimeParseException ex) {
                throw e.getValue().error("不是日期（YYYY-MM-DD）：'" + e.getKey() + "'");
            }
            if (of(e.getValue()) != null) throw e.getValue().error("按日期分段的值不能再嵌套分段");
            out.put(d, e.getValue());
        }
        return out;
    }

    /** The entry in force on {@code date} when {@code n} is a dated series; null when it is a plain value. */
    static Map.Entry<LocalDate, YamlNode> at(YamlNode n, LocalDate date) {
        TreeMap<LocalDate, YamlNode> s = of(n);
        return s == null ? null : s.floorEntry(date);
    }

    /**
     * The start of each period of a rule written from {@code from} (to {@code to}, null: open): {@code from} and every
     * later date of its dated series, in order. Each series must start on {@code from} and end before {@code to}.
     */
    static List<LocalDate> starts(YamlNode rule, LocalDate from, LocalDate to) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        dates.add(from);
        collect(rule, from, to, dates);
        return new ArrayList<>(dates);
    }

    private static void collect(YamlNode n, LocalDate from, LocalDate to, TreeSet<LocalDate> dates) {
        TreeMap<LocalDate, YamlNode> s = of(n);
        if (s != null) {
            if (!s.firstKey().equals(from)) {
                throw n.error("按日期分段的值须从规则的 from 日期（" + from + "）开始，而不是 " + s.firstKey());
            }
            if (to != null && !s.lastKey().isBefore(to)) {
                throw n.error("按日期分段的值须在规则的 to 日期（" + to + "）之前结束：" + s.lastKey());
            }
            dates.addAll(s.keySet());
        } else if (n.isMap()) {
            for (YamlNode c : n.map().values()) collect(c, from, to, dates);
        } else if (n.isList()) {
            for (YamlNode c : n.list()) collect(c, from, to, dates);
        }
    }
}
