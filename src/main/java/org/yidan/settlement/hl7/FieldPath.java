package org.yidan.settlement.hl7;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a value is read in a message: {@code SEG[occurrence]-field(repetition)-component-subcomponent}.
 *
 * <ul>
 *   <li>{@code SEG}: segment id, e.g. {@code PID}, {@code FT1}, {@code ZIN}.</li>
 *   <li>{@code [n]}: which occurrence of the segment (1-based, default 1); {@code [*]}: every occurrence (e.g.
 *       {@code DG1[*]-3-1}, one diagnosis per DG1).</li>
 *   <li>{@code field}: field number as in the standard (MSH-1 is the field separator).</li>
 *   <li>{@code (n)}: which repetition (1-based, default 1); {@code (*)}: every repetition (e.g. {@code ZIN-2(*)});
 *       {@code (c=VALUE)}: the repetition whose component c equals VALUE (e.g. {@code PID-3(5=NNCHN)-1}: the
 *       identifier whose type code CX.5 is NNCHN).</li>
 *   <li>{@code component}, {@code subcomponent}: 1-based, default 1 (so {@code PV1-19} reads CX.1 of PV1-19 and
 *       {@code FT1-11-1-1} reads the amount of the CP's MO).</li>
 * </ul>
 */
public record FieldPath(String text, String segment, int occurrence, int field, int repetition, int filterComponent,
                        String filterValue, int component, int subcomponent) {
    // component / subcomponent: 0 when the path does not name one (component 1 / subcomponent 1 are read).

    /** Occurrence or repetition "every one". */
    public static final int ALL = -1;
    /** Repetition chosen by a component's value ({@link #filterComponent} = {@link #filterValue}). */
    public static final int FILTER = -2;

    private static final Pattern SYNTAX = Pattern.compile(
            "([A-Z][A-Z0-9]{2})(?:\\[(\\d+|\\*)])?-(\\d+)(?:\\(([^)]*)\\))?(?:-(\\d+)(?:-(\\d+))?)?");
    private static final Pattern FILTER_SYNTAX = Pattern.compile("(\\d+)=(.+)");

    /** Parses a path; throws IllegalArgumentException saying what is wrong. */
    public static FieldPath parse(String text) {
        String t = text.trim();
        Matcher m = SYNTAX.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' 不是字段路径，应形如 PID-3-1、PV1-19、DG1[*]-3-1、"
                    + "ZIN-2(*) 或 PID-3(5=NNCHN)-1");
        }
        int occ = m.group(2) == null ? 1 : m.group(2).equals("*") ? ALL : positive(m.group(2), "出现序号", text);
        int field = positive(m.group(3), "字段号", text);
        int rep = 1;
        int fc = 0;
        String fv = null;
        String r = m.group(4);
        if (r != null) {
            if (r.equals("*")) {
                rep = ALL;
            } else if (r.matches("\\d+")) {
                rep = positive(r, "重复序号", text);
            } else {
                Matcher f = FILTER_SYNTAX.matcher(r);
                if (!f.matches()) {
                    throw new IllegalArgumentException("'" + text + "'：重复应写作 (n)、(*) 或 (组件号=值)");
                }
                rep = FILTER;
                fc = positive(f.group(1), "组件号", text);
                fv = f.group(2).trim();
            }
        }
        int comp = m.group(5) == null ? 0 : positive(m.group(5), "组件号", text);
        int sub = m.group(6) == null ? 0 : positive(m.group(6), "子组件号", text);
        if (m.group(1).equals("MSH") && field <= 2) {
            throw new IllegalArgumentException("'" + text + "'：MSH-1 和 MSH-2 是分隔符");
        }
        return new FieldPath(t, m.group(1), occ, field, rep, fc, fv, comp, sub);
    }

    private static int positive(String s, String what, String text) {
        int v;
        try {
            v = Integer.parseInt(s);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("'" + text + "'：" + what + " '" + s + "' 太大");
        }
        if (v < 1) throw new IllegalArgumentException("'" + text + "'：" + what + "从 1 开始");
        return v;
    }

    /** The component read: as written, else 1. */
    public int readComponent() {
        return Math.max(1, component);
    }

    /** The subcomponent read: as written, else 1. */
    public int readSubcomponent() {
        return Math.max(1, subcomponent);
    }

    public boolean isZSegment() {
        return segment.startsWith("Z");
    }

    /** True when the path reads several values (every occurrence or every repetition). */
    public boolean isList() {
        return occurrence == ALL || repetition == ALL;
    }

    @Override
    public String toString() {
        return text;
    }
}
