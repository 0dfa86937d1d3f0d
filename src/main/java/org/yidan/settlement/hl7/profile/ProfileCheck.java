package org.yidan.settlement.hl7.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yidan.settlement.hl7.profile.Hl7Profile.Field;
import org.yidan.settlement.hl7.profile.Hl7Profile.Segment;

/**
 * Checks a message's text against its {@link Hl7Profile.Message}: each segment's count (at most one where the profile
 * says 1; at least one where it is required, or conditional and its condition holds; a segment that follows another
 * once after each of those), no segment the profile does not name (what the service sends), and in each segment sent
 * every field's usage, repetitions, code table and format. The service uses the segment counts on what it reads; the
 * conformance runner the whole check on every answer it gets. Works on the text alone (no HAPI), in the message's
 * own separators.
 */
public final class ProfileCheck {
    private static final Pattern AMOUNT = Pattern.compile("\\d+\\.\\d{2}");
    private static final Pattern DTM = Pattern.compile("\\d{4}(\\d{2}(\\d{2}(\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,4})?)?)?)?)?)?([+-]\\d{4})?");

    /**
     * A difference from the profile, where it is.
     *
     * @param occurrence 1-based occurrence of the segment (0: the segment is missing)
     * @param field      0 for the segment as a whole
     */
    public record Problem(String segment, int occurrence, int field, String text) {
        @Override
        public String toString() {
            return segment + (occurrence > 0 ? "[" + occurrence + "]" : "") + (field > 0 ? "-" + field : "") + "：" + text;
        }
    }

    private ProfileCheck() {}

    /** Segments sent more often than the profile allows (at most one where it says 1), at the one too many. */
    public static List<Problem> tooMany(Hl7Profile.Message m, List<String> ids) {
        List<Problem> out = new ArrayList<>();
        for (Segment s : m.segments()) {
            if (!s.max().equals("1")) continue;
            if (s.follows() == null) {
                int n = count(ids, s.id());
                if (n > 1) {
                    out.add(new Problem(s.id(), 2, 0, "本消息（" + m.type() + "）只能有一个 " + s.id() + " 段，收到 " + n + " 个（消息规范）"));
                }
            } else {
                int seen = 0;
                int after = 0;
                for (String id : ids) {
                    if (id.equals(s.follows())) after = 0;
                    else if (id.equals(s.id())) {
                        seen++;
                        if (++after == 2) {
                            out.add(new Problem(s.id(), seen, 0, "每个 " + s.follows() + " 之后只能有一个 " + s.id() + " 段（消息规范）"));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Every difference between the message's text and the profile. */
    public static List<Problem> check(Hl7Profile profile, Hl7Profile.Message m, String text) {
        List<String[]> segs = new ArrayList<>();
        char fs = text.length() > 3 && text.startsWith("MSH") ? text.charAt(3) : '|';
        for (String line : text.split("[\r\n]+")) {
            if (line.isBlank()) continue;
            segs.add(split(line, fs));
        }
        List<String> ids = new ArrayList<>();
        for (String[] s : segs) ids.add(s[0]);
        String version = value(find(segs, "MSH"), 12);
        List<Problem> out = new ArrayList<>(tooMany(m, ids));
        for (String id : ids) {
            if (m.segment(id) == null && out.stream().noneMatch(p -> p.segment().equals(id) && p.field() == 0)) {
                out.add(new Problem(id, 0, 0, "消息规范中 " + m.type() + " 没有 " + id + " 段"));
            }
        }
        for (Segment s : m.segments()) {
            boolean required = s.min() > 0 || s.when() != null && holds(s.when(), segs);
            if (required && s.follows() == null && count(ids, s.id()) == 0) {
                out.add(new Problem(s.id(), 0, 0, "缺少 " + s.id() + " 段" + (s.condition() != null ? "（" + s.condition() + "）" : "")));
            }
            if (required && s.follows() != null) {
                for (int i = 0, n = 0; i < ids.size(); i++) {
                    if (!ids.get(i).equals(s.follows())) continue;
                    n++;
                    if (i + 1 >= ids.size() || !ids.get(i + 1).equals(s.id())) {
                        out.add(new Problem(s.follows(), n, 0, "其后缺少 " + s.id() + " 段"));
                    }
                }
            }
            int occurrence = 0;
            for (String[] seg : segs) {
                if (!seg[0].equals(s.id())) continue;
                occurrence++;
                for (Field f : s.fields()) {
                    if (f.versions() == null || List.of(f.versions().split(" ")).contains(version)) {
                        field(profile, s, occurrence, f, seg, fs, out);
                    }
                }
            }
        }
        return out;
    }

    private static void field(Hl7Profile profile, Segment s, int occurrence, Field f, String[] seg, char fs, List<Problem> out) {
        String v = value(seg, f.position());
        String where = f.zh() == null ? "" : f.zh() + "：";
        if (v.isEmpty()) {
            if (f.min() > 0) out.add(new Problem(s.id(), occurrence, f.position(), where + "必填，却为空"));
            return;
        }
        String[] reps = v.split("~", -1);
        if (f.max().equals("1") && reps.length > 1) {
            out.add(new Problem(s.id(), occurrence, f.position(), where + "只能有一个值，收到 " + reps.length + " 个"));
        }
        Map<String, String> table = f.table() == null ? null : profile.tables().get(f.table());
        for (String rep : reps) {
            String first = rep.split("\\^", -1)[0];
            if (table != null && !table.containsKey(first)) {
                out.add(new Problem(s.id(), occurrence, f.position(), where + "值 “" + first + "” 不在代码表 " + f.table()
                        + "（" + String.join("、", table.keySet()) + "）中"));
            }
            if ("amount".equals(f.check()) && !AMOUNT.matcher(first).matches()) {
                out.add(new Problem(s.id(), occurrence, f.position(), where + "“" + first + "” 不是带两位小数的金额（如 1234.50）"));
            }
            if ("dtm".equals(f.check()) && !DTM.matcher(first).matches()) {
                out.add(new Problem(s.id(), occurrence, f.position(), where + "“" + first + "” 不是 HL7 日期时间（YYYYMMDDHHMMSS+ZZZZ）"));
            }
        }
    }

    private static boolean holds(Hl7Profile.When w, List<String[]> segs) {
        String[] p = w.field().split("-");
        String v = value(find(segs, p[0]), Integer.parseInt(p[1])).split("\\^", -1)[0];
        return w.in().contains(v);
    }

    /** Field n of a split segment (MSH: MSH-1 is the separator itself, so MSH-n is at index n - 1). */
    private static String value(String[] seg, int n) {
        if (seg == null) return "";
        int i = seg[0].equals("MSH") ? n - 1 : n;
        return i > 0 && i < seg.length ? seg[i] : "";
    }

    private static String[] find(List<String[]> segs, String id) {
        for (String[] s : segs) if (s[0].equals(id)) return s;
        return null;
    }

    private static String[] split(String line, char fs) {
        return line.split(Pattern.quote(String.valueOf(fs)), -1);
    }

    private static int count(List<String> ids, String id) {
        int n = 0;
        for (String x : ids) if (x.equals(id)) n++;
        return n;
    }
}
