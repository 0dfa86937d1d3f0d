package org.yidan.settlement.hl7;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Character sets of inbound messages (HL7 table 0211 in MSH-18). Messages arrive as bytes: MSH-18 is found in the
 * raw bytes (MSH up to field 18 is ASCII; the field separator is MSH's 4th byte), mapped to a Java charset, and only
 * then is the whole message decoded, so a GB18030 character whose second byte happens to be '|' or '^' never splits
 * a field. Replies are encoded in the same charset with the same MSH-18.
 *
 * <table>
 *   <tr><th>MSH-18</th><th>charset</th></tr>
 *   <tr><td>UNICODE UTF-8</td><td>UTF-8</td></tr>
 *   <tr><td>GB 18030-2000, and the spellings Chinese HIS send for the GB family: GB18030, GB 18030-2005,
 *   GB 18030-2022, GBK, CP936, GB2312, GB 2312-80, EUC-CN</td><td>GB18030 (a superset of GBK and GB2312: every
 *   character they encode, GB18030 decodes the same)</td></tr>
 *   <tr><td>8859/1</td><td>ISO-8859-1</td></tr>
 *   <tr><td>ASCII</td><td>US-ASCII</td></tr>
 *   <tr><td>(empty)</td><td>the configured default (UTF-8 unless the mapping file says otherwise)</td></tr>
 * </table>
 * Any other value is an error (HL7 103, MSH-18).
 */
public final class Hl7Charset {
    public static final Charset GB18030 = Charset.forName("GB18030");
    public static final Charset DEFAULT_CHARSET = StandardCharsets.UTF_8;
    /** The MSH-18 values understood, as written in the standard. */
    public static final List<String> NAMES = List.of("UNICODE UTF-8", "GB 18030-2000", "GB18030", "GBK", "GB2312", "8859/1",
            "ASCII");

    private final Charset defaultCharset;

    /** @param defaultCharset used when MSH-18 is empty */
    public Hl7Charset(Charset defaultCharset) {
        this.defaultCharset = defaultCharset;
    }

    public Charset defaultCharset() {
        return defaultCharset;
    }

    /** The charset for an MSH-18 value (case and spaces are not significant); null when unknown. */
    public static Charset forName(String msh18) {
        if (msh18 == null) return null;
        String n = msh18.trim().toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "").replace("_", "");
        return switch (n) {
            case "UNICODEUTF8", "UTF8" -> StandardCharsets.UTF_8;
            // the GB family as HIS really spell it: GBK and GB2312 are subsets of GB18030, which decodes them alike
            case "GB180302000", "GB18030", "GB180302005", "GB180302022", "GBK", "CP936", "GB2312", "GB231280", "EUCCN" -> GB18030;
            case "8859/1", "ISO88591" -> StandardCharsets.ISO_8859_1;
            case "ASCII", "USASCII" -> StandardCharsets.US_ASCII;
            default -> null;
        };
    }

    /** The standard MSH-18 name of a charset we write (for replies to messages whose own MSH-18 is unusable). */
    public static String hl7Name(Charset cs) {
        if (cs.equals(StandardCharsets.UTF_8)) return "UNICODE UTF-8";
        if (cs.equals(GB18030)) return "GB 18030-2000";
        if (cs.equals(StandardCharsets.ISO_8859_1)) return "8859/1";
        if (cs.equals(StandardCharsets.US_ASCII)) return "ASCII";
        throw new IllegalArgumentException("no HL7 name for " + cs);
    }

    /**
     * MSH-18 (first repetition, trimmed) as found in the raw bytes; "" when MSH has no field 18; null when the bytes do
     * not start with an MSH segment.
     */
    public static String rawMsh18(byte[] raw) {
        int start = Hl7Header.mshStart(raw);
        if (start < 0) return null;
        byte fieldSep = raw[start + 3];
        byte repSep = start + 5 < raw.length ? raw[start + 5] : (byte) '~';
        int field = 2;                      // MSH-1 is the separator itself: raw[start + 4] starts MSH-2
        int i = start + 4;
        int from = -1;
        for (; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\r' || b == '\n') break;
            if (b == fieldSep) {
                field++;
                if (field == 18) from = i + 1;
                else if (field == 19) break;
            }
        }
        if (from < 0) return "";
        StringBuilder sb = new StringBuilder();
        for (int j = from; j < i && raw[j] != repSep; j++) sb.append((char) (raw[j] & 0xff));
        return sb.toString().trim();
    }

    /**
     * The charset of a message from its MSH-18.
     *
     * @throws Hl7Exception (HL7 103 at MSH-18, a reject) for a value not in {@link #NAMES}
     */
    public Charset charsetOf(byte[] raw) {
        String v = rawMsh18(raw);
        if (v == null || v.isEmpty()) return defaultCharset;
        Charset cs = forName(v);
        if (cs == null) {
            throw Hl7Exception.reject(Hl7Header.scan(new String(raw, StandardCharsets.ISO_8859_1)),
                    new Hl7Error(Hl7Error.TABLE_VALUE_NOT_FOUND, "MSH", 1, 18, 1, 0, 0,
                            "MSH[1]-18 不支持字符集 '" + v + "'，应为 " + String.join("、", NAMES)
                                    + " 之一（留空即 " + defaultCharset.name() + "）"));
        }
        return cs;
    }

    /**
     * Decodes the bytes in their charset, strictly: bytes that are not valid in it are an error (HL7 102) naming the
     * segment they are in.
     */
    public String decode(byte[] raw) {
        Charset cs = charsetOf(raw);
        CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw);
        try {
            CharBuffer out = dec.decode(in);
            return out.toString();
        } catch (CharacterCodingException ex) {
            String msh18 = rawMsh18(raw);
            int at = firstBad(raw, cs);
            int segStart = at;
            while (segStart > 0 && raw[segStart - 1] != '\r' && raw[segStart - 1] != '\n') segStart--;
            int segIndex = 1;
            for (int j = 0; j < segStart; j++) if (raw[j] == '\r' || (raw[j] == '\n' && (j == 0 || raw[j - 1] != '\r'))) segIndex++;
            String seg = segStart + 3 <= raw.length ? new String(raw, segStart, 3, StandardCharsets.ISO_8859_1) : "";
            if (!seg.matches("[A-Z][A-Z0-9]{2}")) seg = "";
            throw Hl7Exception.reject(Hl7Header.scan(new String(raw, StandardCharsets.ISO_8859_1)),
                    new Hl7Error(Hl7Error.DATA_TYPE_ERROR, seg, 0, 0, 0, 0, 0,
                            "第 " + at + " 字节（第 " + segIndex + " 段" + (seg.isEmpty() ? "" : " " + seg)
                                    + "）不是有效的 " + cs.name() + " 编码；MSH-18 "
                                    + (msh18 == null || msh18.isEmpty() ? "未填写（默认 " + cs.name() + "）" : "为 '" + msh18 + "'")));
        }
    }

    /** Offset of the first byte the charset cannot decode. */
    private static int firstBad(byte[] raw, Charset cs) {
        CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw);
        CharBuffer out = CharBuffer.allocate(raw.length + 1);
        var result = dec.decode(in, out, true);
        return result.isError() ? in.position() : raw.length;
    }

    /** Encodes a reply in a charset (characters it cannot hold become '?'). */
    public static byte[] encode(String text, Charset cs) {
        return text.getBytes(cs);
    }
}
