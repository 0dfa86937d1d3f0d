package org.yidan.settlement.hl7;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yidan.settlement.core.Masking;

/**
 * A stored message as the message browser shows it: patients' and relatives' names (PID-5, PID-6, PID-9, NK1-2,
 * GT1-3, IN1-16, and the mapping's psn_name) keep their first character, and national ID numbers (18 or 15 digits,
 * anywhere) their last four, as the bills and the logs show them. Masked field by field, so that an edited message
 * can be given back its masked values ({@link #unmask}): a field still as it was shown is the original field.
 */
public final class MessageMasking {
    private static final Map<String, Set<Integer>> NAMES = Map.of("PID", Set.of(5, 6, 9), "NK1", Set.of(2), "GT1", Set.of(3),
            "IN1", Set.of(16));

    private final String nameSegment;
    private final int nameField;

    /** @param psnName the mapping's psn_name field (masked too when it is not one of the usual places); null: none */
    public MessageMasking(FieldPath psnName) {
        this.nameSegment = psnName == null ? null : psnName.segment();
        this.nameField = psnName == null ? 0 : psnName.field();
    }

    /** The message with names and ID numbers masked; segments end as they did. */
    public String mask(String message) {
        StringBuilder out = new StringBuilder(message.length());
        for (String[] seg : lines(message)) {
            out.append(maskLine(seg[0])).append(seg[1]);
        }
        return out.toString();
    }

    /**
     * The edited message with every field that still reads as it was shown (masked) given back its original value;
     * fields the user changed are kept as typed. Segments are matched by position and name.
     */
    public String unmask(String edited, String original) {
        List<String[]> orig = lines(original);
        StringBuilder out = new StringBuilder(edited.length());
        List<String[]> ed = lines(edited);
        char sep = separator(original);
        for (int i = 0; i < ed.size(); i++) {
            String line = ed.get(i)[0];
            String before = i < orig.size() ? orig.get(i)[0] : null;
            if (before != null && name(before).equals(name(line)) && !line.startsWith("MSH")) {
                String[] e = line.split(Pattern.quote(String.valueOf(sep)), -1);
                String[] o = before.split(Pattern.quote(String.valueOf(sep)), -1);
                String segName = name(before);
                for (int f = 1; f < e.length && f < o.length; f++) {
                    String shown = maskField(segName, f, o[f]);
                    if (!shown.equals(o[f]) && e[f].equals(shown)) e[f] = o[f];
                }
                line = String.join(String.valueOf(sep), e);
            }
            out.append(line).append(ed.get(i)[1]);
        }
        return out.toString();
    }

    private String maskLine(String line) {
        if (line.startsWith("MSH")) return line;
        char sep = line.length() > 3 ? line.charAt(3) : '|';
        String[] f = line.split(Pattern.quote(String.valueOf(sep)), -1);
        for (int i = 1; i < f.length; i++) f[i] = maskField(name(line), i, f[i]);
        return String.join(String.valueOf(sep), f);
    }

    private String maskField(String segment, int field, String value) {
        String v = value;
        if (NAMES.getOrDefault(segment, Set.of()).contains(field) || (segment.equals(nameSegment) && field == nameField)) {
            v = maskNames(v);
        }
        return Masking.ids(v);
    }

    /** Each name part keeps its first character: 王秀英 → 王**, Wang^Xiuying → W***^X******. */
    static String maskNames(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        int partStart = 0;
        for (int i = 0; i <= v.length(); i++) {
            boolean end = i == v.length() || v.charAt(i) == '^' || v.charAt(i) == '~' || v.charAt(i) == '&';
            if (!end) continue;
            String part = v.substring(partStart, i);
            int first = part.isEmpty() ? 0 : part.offsetByCodePoints(0, 1);
            sb.append(part, 0, first).append("*".repeat(part.codePointCount(first, part.length())));
            if (i < v.length()) sb.append(v.charAt(i));
            partStart = i + 1;
        }
        return sb.toString();
    }

    /** The segments with their endings (\r, \n, \r\n or none): [text, ending]. */
    private static List<String[]> lines(String message) {
        List<String[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\r' || c == '\n') {
                int end = i;
                if (c == '\r' && i + 1 < message.length() && message.charAt(i + 1) == '\n') i++;
                out.add(new String[] {message.substring(start, end), message.substring(end, i + 1)});
                start = i + 1;
            }
        }
        if (start < message.length()) out.add(new String[] {message.substring(start), ""});
        return out;
    }

    private static String name(String line) {
        return line.length() >= 3 ? line.substring(0, 3) : line;
    }

    private static char separator(String message) {
        int i = message.indexOf("MSH");
        return i >= 0 && message.length() > i + 3 ? message.charAt(i + 3) : '|';
    }
}
