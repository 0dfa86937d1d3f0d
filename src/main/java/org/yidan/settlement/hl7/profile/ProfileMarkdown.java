package org.yidan.settlement.hl7.profile;

import java.util.List;
import java.util.Map;
import org.yidan.settlement.hl7.profile.Hl7Profile.Field;
import org.yidan.settlement.hl7.profile.Hl7Profile.Segment;

/**
 * The message profile in Markdown, for mappings/HL7.md's section between {@link #BEGIN} and {@link #END}: one table per
 * message, a row per segment and per field, then the fixed tables. The section is written from the profile
 * ({@code profile --update mappings/HL7.md}) and a test checks it is current.
 */
public final class ProfileMarkdown {
    public static final String BEGIN = "<!-- message profile: begin -->";
    public static final String END = "<!-- message profile: end -->";
    /** The tables of the declaration and the code; the mapping's own tables are in "Code tables". */
    private static final List<String> FIXED = List.of("message_types", "versions", "charsets", "error_codes",
            "acknowledgment_codes", "severities", "yes_no");

    private ProfileMarkdown() {}

    /** The section, markers included. */
    public static String section(Hl7Profile p) {
        StringBuilder md = new StringBuilder(BEGIN).append("\n<!-- written by `java -jar target/discharge-settlement.jar profile"
                + " --update mappings/HL7.md`: do not edit by hand -->\n\n");
        md.append("Usage: ");
        p.usage().forEach((k, v) -> md.append('`').append(k).append("` ").append(v).append(", "));
        md.setLength(md.length() - 2);
        md.append(". Count: how many times a segment may come (`n..*` repeats; a segment that follows another: once after each"
                + " of those). Fields the mapping reads show its path and value; the HL7 columns are v2.5's (HAPI's"
                + " definitions), blank for our Z-segments. Served as JSON by `GET /api/hl7/profile`.\n");
        for (Hl7Profile.Message m : p.messages()) {
            md.append("\n### ").append(m.type()).append(' ').append(m.zh()).append("\n\n");
            md.append(m.direction().equals("inbound")
                    ? "From the HIS; read into HAPI's v2.5 `" + m.structure() + "`; answered by " + m.answer() + ".\n\n"
                    : "Sent by the service.\n\n");
            md.append("| segment | field | usage | count | HL7 v2.5 name | type | value | 名称 | table, condition |\n");
            md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
            for (Segment s : m.segments()) {
                String count = s.min() + ".." + s.max() + (s.follows() != null ? " per " + s.follows() : "");
                md.append("| **").append(s.id()).append("** | | ").append(s.usage()).append(" | ").append(count).append(" | | | | ")
                        .append(nz(s.zh())).append(" | ").append(s.condition() != null ? cell(s.condition()) : s.group() != null
                                ? "group `" + s.group() + "`" : "").append(" |\n");
                for (Field f : s.fields()) {
                    String tc = (f.table() != null ? "`" + f.table() + "`" : "")
                            + (f.condition() != null ? (f.table() != null ? "; " : "") + cell(f.condition()) : "")
                            + (f.versions() != null ? (f.table() != null || f.condition() != null ? "; " : "") + "v" + f.versions() : "")
                            + (f.check() != null && f.value() == null ? " " + f.check() : "");
                    md.append("| | `").append(f.path()).append("` | ").append(f.usage()).append(" | ").append(f.min()).append("..")
                            .append(f.max()).append(" | ").append(nz(f.hl7Name())).append(" | ").append(nz(f.datatype()))
                            .append(" | ").append(f.value() == null ? "" : "`" + f.value() + "`").append(" | ")
                            .append(cell(nz(f.zh()))).append(" | ").append(tc.trim()).append(" |\n");
                }
            }
        }
        md.append("\n### Tables\n\n| table | codes |\n| --- | --- |\n");
        for (String t : FIXED) {
            Map<String, String> codes = p.tables().get(t);
            if (codes == null) continue;
            StringBuilder c = new StringBuilder();
            codes.forEach((k, v) -> c.append(c.length() == 0 ? "" : ", ").append('`').append(k).append("` ").append(v));
            md.append("| `").append(t).append("` | ").append(cell(c.toString())).append(" |\n");
        }
        return md.append('\n').append(END).toString();
    }

    /** The document with its section replaced by the profile's (the markers must be there). */
    public static String update(String doc, Hl7Profile p) {
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        if (b < 0 || e < b) throw new IllegalArgumentException("the document has no message profile section (" + BEGIN + " … " + END + ")");
        return doc.substring(0, b) + section(p) + doc.substring(e + END.length());
    }

    /** The section as it stands in the document; null when it has none. */
    public static String current(String doc) {
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        return b < 0 || e < b ? null : doc.substring(b, e + END.length());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
