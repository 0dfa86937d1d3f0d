package org.yidan.settlement.hl7;

import java.util.List;

/**
 * Text a wrong conversion mangled before it reached us: the message decodes cleanly, but what it says is no longer
 * what the HIS held. Refused (AE, error 102 at the field) rather than stored and printed on a bill:
 * <ul>
 *   <li>锟斤拷: U+FFFD (a character some converter could not map), as UTF-8 bytes EF BF BD read twice as GBK;</li>
 *   <li>U+FFFD itself: the sender's converter put it where a character was lost;</li>
 *   <li>烫烫烫 / 屯屯屯: uninitialised memory (0xCC, 0xCD bytes) read as GBK — a buffer sent unfilled.</li>
 * </ul>
 */
final class Mojibake {
    static final List<String> SIGNS = List.of("锟斤拷", "\uFFFD", "烫烫烫", "屯屯屯");

    private Mojibake() {}

    /** The first mangled field of a normalized message (segments end with \r), as an error; null when there is none. */
    static Hl7Error find(String msg, char fieldSeparator) {
        int at = -1;
        String sign = null;
        for (String s : SIGNS) {
            int i = msg.indexOf(s);
            if (i >= 0 && (at < 0 || i < at)) {
                at = i;
                sign = s;
            }
        }
        if (at < 0) return null;
        int segStart = msg.lastIndexOf('\r', at) + 1;
        String name = msg.substring(segStart, Math.min(segStart + 3, msg.length()));
        int sequence = 0;
        for (int i = 0; i < segStart; i = msg.indexOf('\r', i) + 1) {
            if (msg.startsWith(name, i)) sequence++;
            if (msg.indexOf('\r', i) < 0) break;
        }
        sequence++;
        int field = 0;
        for (int i = segStart; i < at; i++) if (msg.charAt(i) == fieldSeparator) field++;
        if (name.equals("MSH")) field++;   // MSH-1 is the separator itself
        String shown = sign.equals("\uFFFD") ? "U+FFFD（�）" : "“" + sign + "”";
        return new Hl7Error(Hl7Error.DATA_TYPE_ERROR, name, sequence, field, 0, 0, 0, name + "[" + sequence + "]-" + field
                + " 含乱码 " + shown + "：发送方的字符集转换已把文字损坏（如 UTF-8 字节被按 GBK 读取、字符已丢失或发送了未填写的缓冲区）。"
                + "请核对 MSH-18 与实际发送的编码，修正后重发；本报文未作任何变更");
    }
}
