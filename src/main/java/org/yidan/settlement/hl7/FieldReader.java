package org.yidan.settlement.hl7;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yidan.settlement.core.Identity;
import org.yidan.settlement.core.Limits;
import org.yidan.settlement.hl7.Hl7Mapping.Kind;
import org.yidan.settlement.hl7.Hl7Mapping.Spec;
import org.yidan.settlement.hl7.Segments.Seg;
import org.yidan.settlement.hl7.Segments.Val;
import org.yidan.settlement.hl7.profile.ProfileDeclaration;

/**
 * Typed reading of one parsed message's fields, where the {@link Hl7Mapping} says they are: a text, a code through
 * its table, a division code, a date, an amount in fen, a ratio, the relief categories and the diagnoses. Every problem
 * is added to the message's error list (with its segment, field and repetition) instead of stopping at the first; a bad
 * value reads as null. The message readers ({@link MessageReaders}) and {@link ChargeLineReader} build on it.
 */
final class FieldReader {
    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})?(\\d{2})?(?:(\\d{2})(\\d{2})?(\\d{2})?(?:\\.\\d{1,4})?)?([+-]\\d{4})?");

    /** A value found: its text, where it was (segment occurrence, repetition) and how it was found. */
    record Found(String value, Seg seg, FieldPath path, int rep, Spec spec) {}

    final Hl7Mapping mapping;
    final Segments segs;
    final List<Hl7Error> errors;
    /** What the message's type needs (the message profile); null: nothing is required (reading keys only). */
    private final ProfileDeclaration profile;
    private final ProfileDeclaration.Inbound type;

    FieldReader(Hl7Mapping mapping, Segments segs, List<Hl7Error> errors, ProfileDeclaration profile, String type) {
        this.mapping = mapping;
        this.segs = segs;
        this.errors = errors;
        this.profile = profile;
        this.type = profile == null ? null : profile.inbound(type);
    }

    /** The value is required in this message type (usage R in the message profile). */
    boolean required(String name) {
        return type != null && type.required(name);
    }

    /** A group of segments (lines, year_to_date, platform_rows) must be sent in this message type. */
    boolean groupRequired(String group) {
        return type != null && type.group(group) == ProfileDeclaration.Usage.R;
    }

    /** The value is required in each segment of its group (usage R there). */
    boolean requiredIn(String group, String name) {
        return profile != null && profile.groups().get(group).required(name);
    }

    /** A header value, required or not as the message profile says (which must name it for the message's type). */
    Found find(String name) {
        if (type != null && !type.values().containsKey(name)) {
            throw new IllegalStateException("the message profile names no usage of " + name + " in " + type.type());
        }
        return find(name, required(name));
    }

    String text(String name) {
        Found f = find(name);
        return f == null ? null : f.value();
    }

    String text(String name, boolean required) {
        Found f = find(name, required);
        return f == null ? null : f.value();
    }

    /** A header value; null when absent (an error when required). */
    Found find(String name, boolean required) {
        Spec spec = Hl7Mapping.fieldSpec(name);
        FieldPath p = mapping.field(name);
        if (p == null) {
            if (required) errors.add(Hl7Error.application("映射文件 " + mapping.file() + " 未指定从哪里读取"
                    + spec.label() + "（" + name + "）"));
            return null;
        }
        Seg s = segs.get(p.segment(), p.occurrence());
        if (s == null) {
            if (required) {
                errors.add(new Hl7Error(Hl7Error.SEGMENT_SEQUENCE_ERROR, p.segment(), p.occurrence(), 0, 0, 0, 0,
                        "缺少 " + p.segment() + (p.occurrence() > 1 ? "[" + p.occurrence() + "]" : "") + " 段："
                                + spec.label() + "（" + name + "）应从 " + p + " 读取"));
            }
            return null;
        }
        return first(s, p, spec, required);
    }

    /** The first value at a path in a segment; null when empty (an error when required). */
    Found first(Seg s, FieldPath p, Spec spec, boolean required) {
        List<Val> vals = values(s, p);
        if (vals == null) return null;
        if (vals.isEmpty()) {
            if (required) {
                Hl7Error e = at(Hl7Error.REQUIRED_FIELD_MISSING, s, p, p.repetition() > 0 ? p.repetition() : 0, "");
                errors.add(withText(e, spec.label() + "（" + spec.name() + "）不能为空"
                        + (p.repetition() == FieldPath.FILTER ? "（没有组件 " + p.filterComponent()
                        + " = " + p.filterValue() + " 的重复）" : "")));
            }
            return null;
        }
        Found found = new Found(vals.get(0).value(), s, p, vals.get(0).rep(), spec);
        String tooLong = Limits.tooLong(spec.name(), found.value());
        return tooLong == null ? found : bad(found, Hl7Error.DATA_TYPE_ERROR, tooLong);
    }

    List<Val> values(Seg s, FieldPath p) {
        try {
            return Segments.values(s, p);
        } catch (IllegalArgumentException ex) {
            errors.add(Hl7Error.application(ex.getMessage()));
            return null;
        }
    }

    /** The relief identities: those without dates, and those with a begin or end date (relief_begntime/_endtime). */
    record Relief(List<String> undated, List<Identity> dated) {}

    /**
     * The relief identities, each through the code table relief_categories; a repetition whose relief_begntime or
     * relief_endtime (read from the same segment and repetition) is given is an identity with dates.
     */
    Relief relief() {
        FieldPath p = mapping.field("relief_categories");
        if (p == null) return new Relief(List.of(), List.of());
        Spec spec = Hl7Mapping.fieldSpec("relief_categories");
        Set<String> undated = new LinkedHashSet<>();
        List<Identity> dated = new ArrayList<>();
        for (Seg s : segmentsFor(p)) {
            List<Val> vals = values(s, p);
            if (vals == null) continue;
            Map<Integer, Found> begins = byRepetition(s, "relief_begntime");
            Map<Integer, Found> ends = byRepetition(s, "relief_endtime");
            for (Val v : vals) {
                Found f = new Found(v.value(), s, p, v.rep(), spec);
                if (!mapping.hasCode("relief_categories", v.value())) {
                    unknownCode(f, "relief_categories");
                    continue;
                }
                String category = mapping.code("relief_categories", v.value());
                LocalDate begin = date(begins.get(v.rep()));
                Found endAt = ends.get(v.rep());
                LocalDate end = date(endAt);
                if (begin != null && end != null && end.isBefore(begin)) {
                    error(Hl7Error.DATA_TYPE_ERROR, endAt, end + " 早于身份开始日期 " + begin);
                } else if (category == null) {
                    continue;   // a known identity with no relief category
                } else if (begins.containsKey(v.rep()) || endAt != null) {
                    dated.add(new Identity(category, begin, end));
                } else {
                    undated.add(category);
                }
            }
        }
        return new Relief(List.copyOf(undated), List.copyOf(dated));
    }

    /** The values of a list field in one segment, by repetition (empty when the mapping does not name the field). */
    private Map<Integer, Found> byRepetition(Seg s, String name) {
        FieldPath p = mapping.field(name);
        Map<Integer, Found> out = new HashMap<>();
        if (p == null || !p.segment().equals(s.name())) return out;
        List<Val> vals = values(s, p);
        if (vals != null) for (Val v : vals) out.put(v.rep(), new Found(v.value(), s, p, v.rep(), Hl7Mapping.fieldSpec(name)));
        return out;
    }

    /** Diagnoses, the primary one (priority 1) first, the others in message order. */
    List<String> diagnoses() {
        FieldPath p = mapping.field("diagnoses");
        if (p == null) return List.of();
        FieldPath prio = mapping.field("diagnosis_priority");
        Spec spec = Hl7Mapping.fieldSpec("diagnoses");
        List<String> primary = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Seg s : segmentsFor(p)) {
            if (p.occurrence() == FieldPath.ALL) {       // one diagnosis per segment
                Found f = first(s, p, spec, true);
                if (f == null) continue;
                List<Val> pv = prio == null ? List.of() : values(s, prio);
                boolean main = pv != null && !pv.isEmpty() && pv.get(0).value().equals("1");
                (main ? primary : others).add(f.value());
            } else {
                List<Val> vals = values(s, p);
                if (vals != null) for (Val v : vals) others.add(v.value());
            }
        }
        primary.addAll(others);
        return List.copyOf(new LinkedHashSet<>(primary));
    }

    /**
     * A value of one of several segments of a kind (a ZYT, a ZSD): {@code field} read in {@code s}; null when the
     * mapping does not read it from that segment (an error when the profile's {@code group} requires it, naming the
     * group in the profile's words).
     */
    Found inSegment(Seg s, String field, String group) {
        boolean required = requiredIn(group, field);
        FieldPath p = mapping.field(field);
        if (p == null || !p.segment().equals(s.name())) {
            if (required) {
                errors.add(Hl7Error.application("映射文件 " + mapping.file() + " 从 " + s.name() + " 读取"
                        + profile.groups().get(group).zh() + "，但未指定其中" + Hl7Mapping.fieldSpec(field).label() + "（" + field + "）的位置"));
            }
            return null;
        }
        return first(s, p, Hl7Mapping.fieldSpec(field), required);
    }

    private List<Seg> segmentsFor(FieldPath p) {
        if (p.occurrence() == FieldPath.ALL) return segs.named(p.segment());
        Seg s = segs.get(p.segment(), p.occurrence());
        return s == null ? List.of() : List.of(s);
    }

    // conversions: null in, null out; a bad value adds an error and gives null

    String str(Found f) {
        return f == null ? null : f.value();
    }

    String admdvs(Found f) {
        if (f == null) return null;
        if (!f.value().matches("\\d{6}")) {
            return bad(f, Hl7Error.DATA_TYPE_ERROR, "'" + f.value() + "' 不是 6 位医保区划代码");
        }
        return f.value();
    }

    String code(Found f) {
        if (f == null) return null;
        String table = f.spec().name();
        if (!mapping.hasCode(table, f.value())) {
            unknownCode(f, table);
            return null;
        }
        return mapping.code(table, f.value());
    }

    void unknownCode(Found f, String table) {
        List<String> known = new ArrayList<>(mapping.tables().get(table).keySet());
        String list = known.size() <= 12 ? String.join("、", known) : String.join("、", known.subList(0, 12)) + " 等";
        error(Hl7Error.TABLE_VALUE_NOT_FOUND, f, "'" + f.value() + "' 不在 " + mapping.file() + " 的代码表 " + table
                + " 中（可用：" + list + "）");
    }

    LocalDate date(Found f) {
        LocalDateTime t = dateTime(f);
        return t == null ? null : t.toLocalDate();
    }

    LocalDateTime dateTime(Found f) {
        if (f == null) return null;
        Matcher m = DTM.matcher(f.value());
        if (!m.matches() || m.group(3) == null) {
            return bad(f, Hl7Error.DATA_TYPE_ERROR, "'" + f.value() + "' 不是 HL7 日期"
                    + (f.spec().kind() == Kind.DATETIME ? "时间（YYYYMMDD[HHMM[SS]]）" : "（YYYYMMDD）"));
        }
        try {
            return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
        } catch (DateTimeException ex) {
            return bad(f, Hl7Error.DATA_TYPE_ERROR, "'" + f.value() + "' 不是有效的日期时间");
        }
    }

    BigDecimal decimal(Found f) {
        if (f == null) return null;
        if (f.value().length() > 40) return bad(f, Hl7Error.DATA_TYPE_ERROR, "不是数字（或长于 40 个字符）");
        if (!isNumber(f.value())) return bad(f, Hl7Error.DATA_TYPE_ERROR, "'" + f.value() + "' 不是数字");
        BigDecimal d = new BigDecimal(f.value().startsWith("+") ? f.value().substring(1) : f.value());
        String range = Limits.outOfRange(d);
        if (range != null) return bad(f, Hl7Error.DATA_TYPE_ERROR, "'" + f.value() + "' " + range);
        if (d.signum() < 0) return bad(f, Hl7Error.DATA_TYPE_ERROR, d.toPlainString() + " 不能为负数");
        return d;
    }

    BigDecimal money(Found f) {
        BigDecimal d = decimal(f);
        if (d == null) return null;
        if (d.stripTrailingZeros().scale() > 2) {
            return bad(f, Hl7Error.DATA_TYPE_ERROR, d.toPlainString() + " 多于两位小数（金额精确到分）");
        }
        String large = Limits.amountTooLarge(d);
        if (large != null) return bad(f, Hl7Error.DATA_TYPE_ERROR, d.toPlainString() + " " + large);
        return d.setScale(2);
    }

    BigDecimal rate(Found f) {
        BigDecimal d = decimal(f);
        if (d == null) return null;
        if (d.compareTo(BigDecimal.ONE) > 0) return bad(f, Hl7Error.DATA_TYPE_ERROR, d.toPlainString() + " 不是 0 到 1 之间的比例");
        return d;
    }

    <T> T bad(Found f, int code, String what) {
        error(code, f, what);
        return null;
    }

    void error(int code, Found f, String what) {
        Hl7Error e = at(code, f.seg(), f.path(), f.rep(), "");
        errors.add(withText(e, f.spec().label() + "（" + f.spec().name() + "）：" + what));
    }

    Hl7Error at(int code, Seg s, FieldPath p, int rep, String text) {
        return new Hl7Error(code, s.name(), s.seq(), p.field(), rep, p.component(), p.subcomponent(), text);
    }

    Hl7Error withText(Hl7Error e, String what) {
        return new Hl7Error(e.code(), e.segment(), e.sequence(), e.field(), e.repetition(), e.component(),
                e.subcomponent(), e.location() + " " + what);
    }

    /** {@code [+-]?(\d+(\.\d*)?|\.\d+)}: ASCII digits with an optional sign and decimal point, nothing else. */
    static boolean isNumber(String v) {
        int i = v.isEmpty() || (v.charAt(0) != '+' && v.charAt(0) != '-') ? 0 : 1;
        int digits = 0;
        boolean point = false;
        for (; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch >= '0' && ch <= '9') digits++;
            else if (ch == '.' && !point) point = true;
            else return false;
        }
        return digits > 0;
    }

    static LocalDate day(LocalDateTime t) {
        return t == null ? null : t.toLocalDate();
    }
}
