package org.yidan.settlement.hl7;

import java.util.ArrayList;
import java.util.List;

/**
 * The MSH of a message, read from the raw text without HAPI, so that a reply can be addressed (and carry MSA-2, the
 * control id) even when the message cannot be parsed. Field values are as sent (escape sequences resolved for the
 * standard delimiters).
 *
 * @param fieldSeparator   MSH-1
 * @param encodingChars    MSH-2
 * @param fields           MSH-1.. as raw text, index 0 = MSH-1
 */
public record Hl7Header(char fieldSeparator, String encodingChars, List<String> fields) {

    /** Offset of "MSH" in raw bytes, skipping an MLLP start byte, a UTF-8 byte-order mark and blank lines; -1 if none. */
    static int mshStart(byte[] raw) {
        int i = 0;
        if (raw.length > 0 && raw[0] == 0x0b) i = 1;
        if (raw.length >= i + 3 && (raw[i] & 0xff) == 0xEF && (raw[i + 1] & 0xff) == 0xBB && (raw[i + 2] & 0xff) == 0xBF) i += 3;
        while (i < raw.length && (raw[i] == '\r' || raw[i] == '\n' || raw[i] == ' ' || raw[i] == '\t')) i++;
        if (raw.length < i + 8) return -1;
        if (raw[i] != 'M' || raw[i + 1] != 'S' || raw[i + 2] != 'H') return -1;
        byte sep = raw[i + 3];
        if (sep < 0x21 || sep > 0x7e || Character.isLetterOrDigit(sep)) return -1;
        return i;
    }

    /** Offset of "MSH" in decoded text (same rules as the byte scan); -1 if none. */
    static int mshStart(String text) {
        int i = 0;
        if (!text.isEmpty() && text.charAt(0) == 0x0b) i = 1;
        if (text.length() > i && text.charAt(i) == '\uFEFF') i++;
        while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) i++;
        if (text.length() < i + 8 || !text.startsWith("MSH", i)) return -1;
        char sep = text.charAt(i + 3);
        if (sep < 0x21 || sep > 0x7e || Character.isLetterOrDigit(sep)) return -1;
        return i;
    }

    /** The MSH of a decoded message; null when the text does not start with MSH. */
    public static Hl7Header scan(String text) {
        if (text == null) return null;
        int start = mshStart(text);
        if (start < 0) return null;
        int end = start;
        while (end < text.length() && text.charAt(end) != '\r' && text.charAt(end) != '\n') end++;
        String msh = text.substring(start, end);
        char sep = msh.charAt(3);
        List<String> fields = new ArrayList<>();
        fields.add(String.valueOf(sep));
        int from = 4;
        for (int i = 4; i <= msh.length(); i++) {
            if (i == msh.length() || msh.charAt(i) == sep) {
                fields.add(msh.substring(from, i));
                from = i + 1;
            }
        }
        String enc = fields.size() > 1 ? fields.get(1) : "";
        return new Hl7Header(sep, enc, List.copyOf(fields));
    }

    /** MSH-n as sent (raw, with components), "" when absent. */
    public String raw(int n) {
        return n >= 1 && n <= fields.size() ? fields.get(n - 1) : "";
    }

    private char enc(int i, char dflt) {
        return encodingChars.length() > i ? encodingChars.charAt(i) : dflt;
    }

    public char componentSeparator() {
        return enc(0, '^');
    }

    public char repetitionSeparator() {
        return enc(1, '~');
    }

    public char escapeChar() {
        return enc(2, '\\');
    }

    public char subcomponentSeparator() {
        return enc(3, '&');
    }

    /** MSH-n, first repetition, split into components, each split into subcomponents, escapes resolved. */
    public List<List<String>> components(int n) {
        String v = raw(n);
        int r = v.indexOf(repetitionSeparator());
        if (r >= 0 && n != 2) v = v.substring(0, r);
        List<List<String>> out = new ArrayList<>();
        for (String c : split(v, componentSeparator())) {
            List<String> subs = new ArrayList<>();
            for (String s : split(c, subcomponentSeparator())) subs.add(unescape(s));
            out.add(subs);
        }
        return out;
    }

    /** MSH-n component c (1-based), first subcomponent, escapes resolved; "" when absent. */
    public String value(int n, int c) {
        List<List<String>> comps = components(n);
        return c <= comps.size() ? comps.get(c - 1).get(0).trim() : "";
    }

    /** MSH-10, the message control id; "" when absent. */
    public String controlId() {
        return value(10, 1);
    }

    /** MSH-9.1, e.g. ADT. */
    public String messageType() {
        return value(9, 1);
    }

    /** MSH-9.2, e.g. A01. */
    public String triggerEvent() {
        return value(9, 2);
    }

    /** MSH-12.1, e.g. 2.5. */
    public String version() {
        return value(12, 1);
    }

    /** MSH-11.1, e.g. P. */
    public String processingId() {
        return value(11, 1);
    }

    /** MSH-18, first repetition, e.g. UNICODE UTF-8; "" when empty. */
    public String charset() {
        return value(18, 1);
    }

    private List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        int from = 0;
        char esc = escapeChar();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == esc) {                       // skip an escape sequence: it may contain separators' letters only
                int close = s.indexOf(esc, i + 1);
                if (close > i) i = close;
            } else if (ch == sep) {
                out.add(s.substring(from, i));
                from = i + 1;
            }
        }
        out.add(s.substring(from));
        return out;
    }

    private String unescape(String s) {
        char esc = escapeChar();
        if (s.indexOf(esc) < 0) return s;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            int close = ch == esc ? s.indexOf(esc, i + 1) : -1;
            if (close > i) {
                String code = s.substring(i + 1, close);
                switch (code) {
                    case "F" -> sb.append(fieldSeparator);
                    case "S" -> sb.append(componentSeparator());
                    case "R" -> sb.append(repetitionSeparator());
                    case "T" -> sb.append(subcomponentSeparator());
                    case "E" -> sb.append(esc);
                    default -> sb.append(s, i, close + 1);
                }
                i = close;
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
