package org.yidan.settlement.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.yidan.settlement.core.ChargeClass;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.LineKind;
import org.yidan.settlement.io.Json;

/**
 * Charge lines as the database keeps them: one JSON array per line, its values in the order of {@link #COLUMNS} (texts
 * and enum names as strings, decimals as their plain strings, null when absent), written by hand and read with
 * Jackson's streaming parser. About a third of the size of the lines as JSON objects, and no reflection: 500 lines are written at
 * every DFT^P03 and read back at every ADT^A03. Lines stored as JSON objects (before issue 13) are still read.
 */
final class StoredLines {
    /** The values of a line, in stored order (the names of the platform's 2301 fee-detail fields). */
    static final List<String> COLUMNS = List.of("feedetl_sn", "med_list_codg", "chrgitm_lv", "cnt", "pric",
            "det_item_fee_sumamt", "selfpay_prop", "pric_uplmt_amt", "kind");

    private static final TypeReference<List<FeeLine>> OBJECTS = new TypeReference<>() {};

    private StoredLines() {}

    static String write(List<FeeLine> lines) {
        // about 60 characters a line with short codes, 90 with the national 20-character codes: one buffer, no copies
        StringBuilder b = new StringBuilder(lines.size() * 96 + 2);
        b.append('[');
        for (int i = 0; i < lines.size(); i++) {
            FeeLine l = lines.get(i);
            b.append(i == 0 ? "[" : ",[");
            text(b, l.feedetlSn());
            b.append(',');
            text(b, l.medListCodg());
            b.append(',');
            text(b, l.chrgitmLv() == null ? null : l.chrgitmLv().name());
            b.append(',');
            decimal(b, l.cnt());
            b.append(',');
            decimal(b, l.pric());
            b.append(',');
            decimal(b, l.detItemFeeSumamt());
            b.append(',');
            decimal(b, l.selfpayProp());
            b.append(',');
            decimal(b, l.pricUplmtAmt());
            b.append(',');
            text(b, l.kind() == null ? null : l.kind().name());
            b.append(']');
        }
        return b.append(']').toString();
    }

    private static void decimal(StringBuilder b, BigDecimal d) {
        if (d == null) b.append("null");
        else b.append('"').append(d.toPlainString()).append('"');
    }

    /** A JSON string: quote, backslash and control characters escaped (RFC 8259 §7); null as null. */
    private static void text(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        int plain = 0;
        while (plain < s.length() && !escaped(s.charAt(plain))) plain++;
        if (plain == s.length()) {
            b.append(s);   // the usual case: nothing to escape, appended at once
        } else {
            b.append(s, 0, plain);
            for (int i = plain; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '"' || ch == '\\') b.append('\\').append(ch);
                else if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch));
                else b.append(ch);
            }
        }
        b.append('"');
    }

    private static boolean escaped(char ch) {
        return ch == '"' || ch == '\\' || ch < 0x20;
    }

    /**
     * The lines of {@link #write}, or of the JSON objects stored before.
     *
     * @throws StoreException when the text is neither
     */
    static List<FeeLine> read(String json) {
        int i = 0;
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) i++;
        int j = i + 1;
        while (j < json.length() && Character.isWhitespace(json.charAt(j))) j++;
        try {
            if (j < json.length() && json.charAt(j) == '{') return Json.MAPPER.readValue(json, OBJECTS);
            try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
                return rows(p);
            }
        } catch (IOException | RuntimeException ex) {
            throw new StoreException("stored charge lines cannot be read: " + ex.getMessage(), ex);
        }
    }

    private static List<FeeLine> rows(JsonParser p) throws IOException {
        expect(p.nextToken(), JsonToken.START_ARRAY, p);
        List<FeeLine> out = new ArrayList<>();
        String[] v = new String[COLUMNS.size()];
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            expect(t, JsonToken.START_ARRAY, p);
            int k = 0;
            for (JsonToken x = p.nextToken(); x != JsonToken.END_ARRAY; x = p.nextToken()) {
                if (k >= v.length) throw new IOException("a stored line has more than " + v.length + " values");
                if (x != JsonToken.VALUE_NULL && x != JsonToken.VALUE_STRING) throw new IOException("a stored line's value is " + x);
                v[k++] = x == JsonToken.VALUE_NULL ? null : p.getText();
            }
            if (k != v.length) throw new IOException("a stored line has " + k + " values, not " + v.length);
            out.add(new FeeLine(v[0], v[1], v[2] == null ? null : ChargeClass.valueOf(v[2]), number(v[3]), number(v[4]),
                    number(v[5]), number(v[6]), number(v[7]), v[8] == null ? null : LineKind.valueOf(v[8])));
        }
        return out;
    }

    private static BigDecimal number(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    private static void expect(JsonToken t, JsonToken want, JsonParser p) throws IOException {
        if (t != want) throw new IOException("expected " + want + " but found " + t + " at " + p.currentLocation());
    }
}
