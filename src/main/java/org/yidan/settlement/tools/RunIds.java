package org.yidan.settlement.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * The ids of one conformance run: every visit (mdtrt_id), person (psn_no) and control id (MSH-10) a case names is
 * prefixed with a tag drawn for the run ({@code T} and five base-36 characters), so the suite can run again and again
 * against a live instance without meeting its own earlier data, a real patient's, or the README's example visit. The
 * same id always becomes the same tagged id within a run, so a case's resend is still a resend.
 *
 * <p>HL7 messages are rewritten field by field in the default profile's places (mappings/hl7-default.yaml): MSH-10,
 * PID-3 (the repetition of type PN, component 1) and PV1-19 component 1. Patients' names (psn_name, PID-5) become
 * {@link #NAME}, so a run leaves nothing that reads as a real patient's. A message without a standard MSH (its
 * first six characters {@code MSH|^~}) is sent as it is: it is there to be refused.
 */
public final class RunIds {
    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
    /** The name every patient of a run gets. */
    public static final String NAME = "测试患者";
    private final String tag;
    private final Map<String, String> seen = new HashMap<>();

    public RunIds(String tag) {
        this.tag = tag;
    }

    /** A run with a random tag. */
    public static RunIds random() {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder("T");
        for (int i = 0; i < 5; i++) sb.append(DIGITS.charAt(r.nextInt(DIGITS.length())));
        return new RunIds(sb.toString());
    }

    public String tag() {
        return tag;
    }

    /** The run's name for an id of a case (a visit, a person, a control id); empty and null stay as they are. */
    public String id(String original) {
        if (original == null || original.isEmpty()) return original;
        return seen.computeIfAbsent(original, o -> tag + "-" + o);
    }

    /** An expected MSA-2 or visit id: the run's name when the run renamed it, else as written. */
    public String expected(String original) {
        return seen.getOrDefault(original, original);
    }

    /** A JSON case input with its mdtrt_id and psn_no renamed (a copy). */
    public JsonNode json(JsonNode input) {
        JsonNode copy = input.deepCopy();
        if (copy instanceof ObjectNode o) {
            for (String k : new String[] {"mdtrt_id", "psn_no"}) {
                if (o.hasNonNull(k) && o.get(k).isTextual()) o.put(k, id(o.get(k).asText()));
            }
            if (o.hasNonNull("psn_name")) o.put("psn_name", NAME);
        }
        return copy;
    }

    /**
     * An HL7 message (segments ended by CR) with its ids renamed, in the charset its MSH-18 names ({@code cs} when it
     * names none we know). Bytes that do not decode and encode back exactly in that charset are sent as they are.
     */
    public byte[] hl7(byte[] message, Charset cs) {
        String raw18 = org.yidan.settlement.hl7.Hl7Charset.rawMsh18(message);
        Charset named = raw18 == null || raw18.isEmpty() ? null : org.yidan.settlement.hl7.Hl7Charset.forName(raw18);
        Charset charset = named != null ? named : cs;
        String text = new String(message, charset);
        if (text.length() < 8 || !text.startsWith("MSH|^~") || !java.util.Arrays.equals(text.getBytes(charset), message)) return message;
        char comp = text.charAt(4);
        char rep = text.charAt(5);
        String[] segments = text.split("\r", -1);
        for (int s = 0; s < segments.length; s++) {
            String seg = segments[s];
            if (seg.startsWith("MSH|")) segments[s] = field(seg, 9, v -> id(v));   // MSH-10: MSH-1 is the separator
            else if (seg.startsWith("PID|")) segments[s] = field(field(seg, 3, v -> persons(v, comp, rep)), 5, v -> NAME);
            else if (seg.startsWith("PV1|")) segments[s] = field(seg, 19, v -> first(v, comp));
        }
        return String.join("\r", segments).getBytes(charset);
    }

    private String persons(String pid3, char comp, char rep) {
        String[] reps = pid3.split(java.util.regex.Pattern.quote(String.valueOf(rep)), -1);
        for (int i = 0; i < reps.length; i++) {
            String[] c = reps[i].split(java.util.regex.Pattern.quote(String.valueOf(comp)), -1);
            if (c.length > 4 && c[4].equals("PN")) reps[i] = first(reps[i], comp);
        }
        return String.join(String.valueOf(rep), reps);
    }

    private String first(String value, char comp) {
        int i = value.indexOf(comp);
        return i < 0 ? id(value) : id(value.substring(0, i)) + value.substring(i);
    }

    /** The segment with its field {@code n} (the n-th after the segment id) replaced. */
    private static String field(String seg, int n, java.util.function.UnaryOperator<String> f) {
        String[] fields = seg.split("\\|", -1);
        if (n >= fields.length || fields[n].isEmpty()) return seg;
        fields[n] = f.apply(fields[n]);
        return String.join("|", fields);
    }
}
