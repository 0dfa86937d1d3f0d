package org.yidan.settlement.hl7;

import java.nio.charset.Charset;
import java.nio.file.Path;
import org.yidan.settlement.io.YamlNode;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yidan.settlement.core.InsuranceType;
import org.yidan.settlement.core.MedType;

/**
 * An HL7 profile: where each value of an encounter is read in a message (field paths, see {@link FieldPath}) and the
 * code tables that turn the sender's codes into ours. Loaded from a YAML file an integration team edits
 * ({@code mappings/hl7-default.yaml}); every error names {@code file:line: field}.
 */
public final class Hl7Mapping {

    /** How a value is checked and converted. */
    public enum Kind {
        /** text as given (trimmed). */
        TEXT,
        /** a 6-digit administrative division code. */
        ADMDVS,
        /** a code translated by the code table of the same name; unknown codes are errors (HL7 103). */
        CODE,
        /** HL7 date: YYYYMMDD, time part allowed and ignored. */
        DATE,
        /** HL7 date-time: YYYYMMDD[HHMM[SS[.S...]]][+/-ZZZZ]. */
        DATETIME,
        /** yuan: a number, not negative, at most two decimals. */
        MONEY,
        /** a number, not negative. */
        DECIMAL,
        /** a ratio between 0 and 1. */
        RATE
    }

    /**
     * One value the reader needs.
     *
     * @param name            the platform's (or our) name, e.g. {@code mdtrt_id}
     * @param kind            how it is checked
     * @param list            several values (every occurrence or repetition)
     * @param mappingRequired the mapping file must say where it is
     */
    public record Spec(String name, Kind kind, boolean list, boolean mappingRequired) {
        /** The value's Chinese name for error texts (the message profile's {@code names}). */
        public String label() {
            return org.yidan.settlement.hl7.profile.ProfileDeclaration.standard().name(name);
        }
    }

    private static final Map<String, Spec> FIELD_SPECS = specs(java.util.stream.Stream.of(new Spec[] {
            new Spec("mdtrt_id", Kind.TEXT, false, true),
            new Spec("psn_no", Kind.TEXT, false, true),
            new Spec("certno", Kind.TEXT, false, false),
            new Spec("psn_name", Kind.TEXT, false, false),
            new Spec("brdy", Kind.DATE, false, false),
            new Spec("insutype", Kind.CODE, false, true),
            new Spec("insu_admdvs", Kind.ADMDVS, false, true),
            new Spec("fixmedins_admdvs", Kind.ADMDVS, false, true),
            new Spec("hosp_lv", Kind.CODE, false, false),
            new Spec("med_type", Kind.CODE, false, true),
            new Spec("begntime", Kind.DATETIME, false, true),
            new Spec("endtime", Kind.DATETIME, false, true),
            new Spec("relief_categories", Kind.CODE, true, false),
            new Spec("relief_begntime", Kind.DATE, true, false),
            new Spec("relief_endtime", Kind.DATE, true, false),
            new Spec("diagnoses", Kind.TEXT, true, false),
            new Spec("diagnosis_priority", Kind.TEXT, true, false),
            new Spec("referral_dedc_paid", Kind.MONEY, false, false),
            new Spec("deposit", Kind.MONEY, false, false),
            new Spec("hifp_pay", Kind.MONEY, false, false),
            new Spec("hifmi_pay", Kind.MONEY, false, false),
            new Spec("hifob_pay", Kind.MONEY, false, false),
            new Spec("hosp_part_amt", Kind.MONEY, false, false),
            new Spec("oth_pay", Kind.MONEY, false, false),
            new Spec("acct_pay", Kind.MONEY, false, false),
            }, VisitFactsReader.SPECS, YearToDateReader.SPECS, PlatformReader.SPECS)   // the year to date from outside, the platform's 2304 result
            .flatMap(java.util.Arrays::stream).toArray(Spec[]::new));

    private static final Map<String, Spec> LINE_SPECS = specs(
            new Spec("feedetl_sn", Kind.TEXT, false, false),
            new Spec("med_list_codg", Kind.TEXT, false, true),
            new Spec("chrgitm_lv", Kind.CODE, false, true),
            new Spec("cnt", Kind.DECIMAL, false, true),
            new Spec("pric", Kind.DECIMAL, false, true),
            new Spec("det_item_fee_sumamt", Kind.MONEY, false, true),
            new Spec("selfpay_prop", Kind.RATE, false, false),
            new Spec("pric_uplmt_amt", Kind.DECIMAL, false, false),
            new Spec("kind", Kind.CODE, false, false));

    /** What each code table may map to (relief categories: the codes of policies/categories.yaml). */
    private static final Map<String, Set<String>> TABLE_TARGETS = Map.of(
            "insutype", InsuranceType.CODES,
            "med_type", MedType.CODES,
            "hosp_lv", Set.of("1", "2", "3"),
            "chrgitm_lv", Set.of("01", "02", "03"),
            "kind", Set.of("ORDINARY", "SPECIAL_DRUG", "PKU_FOOD"));

    /** The segment every charge line starts with; line values may also be read from Z-segments that follow it. */
    public static final String LINE_SEGMENT = "FT1";

    private final String file;
    private final Charset defaultCharset;
    private final Map<String, FieldPath> fields;
    private final Map<String, FieldPath> lines;
    private final Map<String, Map<String, String>> tables;
    /** How the sender's codes read on the sheet (gend, adm_dept_codg): a code not there is shown as sent. */
    private final Map<String, Map<String, String>> display;

    private Hl7Mapping(String file, Charset defaultCharset, Map<String, FieldPath> fields, Map<String, FieldPath> lines,
                       Map<String, Map<String, String>> tables, Map<String, Map<String, String>> display) {
        this.display = display;
        this.file = file;
        this.defaultCharset = defaultCharset;
        this.fields = Collections.unmodifiableMap(fields);
        this.lines = Collections.unmodifiableMap(lines);
        this.tables = Collections.unmodifiableMap(tables);
    }

    /** Loads a mapping file; relief-category targets are checked for form only. */
    public static Hl7Mapping load(Path file) {
        return load(file, null);
    }

    /**
     * Loads a mapping file, checking that every relief-category target is one of {@code categoryCodes} (the codes of
     * policies/categories.yaml; null: form only).
     *
     * @throws Hl7MappingException naming file, line and field of the first problem
     */
    public static Hl7Mapping load(Path file, Collection<String> categoryCodes) {
        YamlNode root = YamlNode.parse(file, Hl7MappingException::new);
        Map<String, YamlNode> top = root.map(Set.of("charset_default", "fields", "lines", "codes", "display"));
        Charset cs = Hl7Charset.DEFAULT_CHARSET;
        if (top.containsKey("charset_default")) {
            YamlNode n = top.get("charset_default");
            cs = Hl7Charset.forName(n.str());
            if (cs == null) throw n.error("未知字符集 '" + n.str() + "'；可选：" + String.join("、", Hl7Charset.NAMES));
        }
        Map<String, FieldPath> fields = paths(root, top, "fields", FIELD_SPECS, false);
        Map<String, FieldPath> lines = paths(root, top, "lines", LINE_SPECS, true);
        FieldPath dx = fields.get("diagnoses");
        FieldPath prio = fields.get("diagnosis_priority");
        if (prio != null) {
            YamlNode at = top.get("fields").map(null).get("diagnosis_priority");
            if (dx == null) throw at.error("有 diagnosis_priority 时须映射 diagnoses");
            if (!prio.segment().equals(dx.segment()) || prio.occurrence() != FieldPath.ALL || dx.occurrence() != FieldPath.ALL) {
                throw at.error("diagnosis_priority 须读取 diagnoses 所在段的每个出现，如 "
                        + dx.segment() + "[*]-15");
            }
        }
        if (!top.containsKey("codes")) throw new Hl7MappingException(root.file(), root.line(), "codes", "缺少必填字段");
        YamlNode codesNode = top.get("codes");
        Map<String, YamlNode> codeNodes = codesNode.map(null);
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        Set<String> needTables = new TreeSet<>();
        for (Spec s : FIELD_SPECS.values()) if (s.kind() == Kind.CODE && fields.containsKey(s.name())) needTables.add(s.name());
        for (Spec s : LINE_SPECS.values()) if (s.kind() == Kind.CODE && lines.containsKey(s.name())) needTables.add(s.name());
        for (Map.Entry<String, YamlNode> en : codeNodes.entrySet()) {
            String table = en.getKey();
            if (!TABLE_TARGETS.containsKey(table) && !table.equals("relief_categories")) {
                throw en.getValue().error("未知码表 '" + table + "'；可选：" + String.join("、",
                        new TreeSet<>(List.of("insutype", "med_type", "hosp_lv", "chrgitm_lv", "kind", "relief_categories"))));
            }
            tables.put(table, table(en.getValue(), table, categoryCodes));
        }
        for (String t : needTables) {
            if (!tables.containsKey(t)) {
                throw new Hl7MappingException(codesNode.file(), codesNode.line(), "codes." + t,
                        "缺少必需的码表（" + t + " 按代码映射）");
            }
        }
        Map<String, Map<String, String>> display = new LinkedHashMap<>();
        if (top.containsKey("display")) {
            for (Map.Entry<String, YamlNode> en : top.get("display").map(VisitFactsReader.DISPLAY_TABLES).entrySet()) {
                Map<String, String> t = new LinkedHashMap<>();
                en.getValue().map(null).forEach((k, v) -> t.put(k, v.str()));
                display.put(en.getKey(), Collections.unmodifiableMap(t));
            }
        }
        return new Hl7Mapping(file.toString(), cs, fields, lines, tables, Collections.unmodifiableMap(display));
    }

    private static Map<String, FieldPath> paths(YamlNode root, Map<String, YamlNode> top, String key,
                                                Map<String, Spec> specs, boolean line) {
        YamlNode section = top.get(key);
        if (section == null) throw new Hl7MappingException(root.file(), root.line(), key, "缺少必填字段");
        Map<String, YamlNode> m = section.map(specs.keySet());
        Map<String, FieldPath> out = new LinkedHashMap<>();
        for (Spec s : specs.values()) {
            YamlNode n = m.get(s.name());
            if (n == null || n.isNull()) {
                if (s.mappingRequired()) {
                    throw new Hl7MappingException(section.file(), section.line(), section.child(s.name()),
                            "缺少必填字段：须指定从哪里读取" + s.label() + "（" + s.name() + "）");
                }
                continue;
            }
            FieldPath p;
            try {
                p = FieldPath.parse(n.str());
            } catch (IllegalArgumentException ex) {
                throw n.error(ex.getMessage());
            }
            if (s.list() && !p.isList()) {
                throw n.error(s.label() + "（" + s.name() + "）是列表：须读取每个出现或每个重复，如 "
                        + (s.name().startsWith("diagnos") ? "DG1[*]-3-1" : "ZIN-2(*)"));
            }
            if (!s.list() && p.isList()) throw n.error(s.label() + "（" + s.name() + "）是单个值：不能用 [*] 或 (*)");
            if (p.occurrence() == FieldPath.ALL && p.repetition() == FieldPath.ALL) {
                throw n.error("只能读取每个出现或每个重复，不能两者都用");
            }
            if (line) {
                if (!p.segment().equals(LINE_SEGMENT) && !p.isZSegment()) {
                    throw n.error("费用明细的值须从 " + LINE_SEGMENT
                            + " 或其后的 Z 段读取，不能从 " + p.segment());
                }
                if (p.occurrence() != 1) throw n.error("费用明细的值从它自己的 " + LINE_SEGMENT
                        + "（或其后的 Z 段）读取：不写出现序号");
            } else if (p.segment().equals(LINE_SEGMENT)) {
                throw n.error(LINE_SEGMENT + " 是费用明细：其值须映射在 'lines' 下");
            }
            out.put(s.name(), p);
        }
        return out;
    }

    private static Map<String, String> table(YamlNode node, String table, Collection<String> categoryCodes) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> targets = TABLE_TARGETS.get(table);
        for (Map.Entry<String, YamlNode> en : node.map(null).entrySet()) {
            YamlNode v = en.getValue();
            if (en.getKey().isBlank()) throw v.error("代码不能为空");
            if (table.equals("relief_categories")) {
                if (v.isNull()) {          // a known identity that is no relief category (e.g. ordinary insured)
                    out.put(en.getKey().trim(), null);
                    continue;
                }
                String c = v.str();
                if (!c.matches("[A-Z][A-Z0-9_]*")) throw v.error("'" + c + "' 不是类别代码（大写字母、数字、_）");
                if (categoryCodes != null && !categoryCodes.contains(c)) {
                    throw v.error("'" + c + "' 不在 policies/categories.yaml 中；可选：" + String.join("、", new TreeSet<>(categoryCodes)));
                }
                out.put(en.getKey().trim(), c);
            } else {
                String c = v.str();
                if (!targets.contains(c)) throw v.error("'" + c + "' 不是以下之一：" + String.join("、", new TreeSet<>(targets)));
                out.put(en.getKey().trim(), c);
            }
        }
        if (out.isEmpty()) throw node.error("码表至少需要一个代码");
        return out;
    }

    private static Map<String, Spec> specs(Spec... specs) {
        Map<String, Spec> m = new LinkedHashMap<>();
        for (Spec s : specs) m.put(s.name(), s);
        return Collections.unmodifiableMap(m);
    }

    /** The file it was loaded from. */
    public String file() {
        return file;
    }

    /** The character set of a message whose MSH-18 is empty. */
    public Charset defaultCharset() {
        return defaultCharset;
    }

    /** Where a header value is read; null when the profile does not map it. */
    public FieldPath field(String name) {
        return fields.get(name);
    }

    /** Where a charge-line value is read (in the line's FT1 or the Z-segment after it); null when not mapped. */
    public FieldPath line(String name) {
        return lines.get(name);
    }

    public static Spec fieldSpec(String name) {
        return FIELD_SPECS.get(name);
    }

    public static Spec lineSpec(String name) {
        return LINE_SPECS.get(name);
    }

    /** The code tables by name; a relief-category entry mapped to null is a known identity that is no category. */
    public Map<String, Map<String, String>> tables() {
        return tables;
    }

    /** A code in words for the sheet (the display tables); the code itself when the table does not have it. */
    public String display(String table, String code) {
        Map<String, String> t = display.get(table);
        return code == null || t == null ? code : t.getOrDefault(code, code);
    }

    /** True when the table has the code (a relief entry may map to null: known, no category). */
    public boolean hasCode(String table, String code) {
        Map<String, String> t = tables.get(table);
        return t != null && t.containsKey(code);
    }

    /** Our code for an outside code (null when unknown, or a known identity without a category). */
    public String code(String table, String code) {
        Map<String, String> t = tables.get(table);
        return t == null ? null : t.get(code);
    }
}
