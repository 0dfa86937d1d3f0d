package org.yidan.settlement.hl7;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.GenericMessage;
import ca.uhn.hl7v2.model.GenericSegment;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The segments of a message in the order they were sent, each with its occurrence number, and value reading by
 * {@link FieldPath}. Every segment but MSH is read straight from its text ({@link SegmentText}); MSH, and every
 * segment in the reference reading ({@link Reading#HAPI}), is parsed by HAPI's own segment parser into its v2.5
 * structure ({@link HapiSegments}; an unknown segment, e.g. our ZIN and ZFT, into a generic one). Neither is placed
 * into HAPI's group tree: values are found by segment id and occurrence in message order.
 */
final class Segments {

    /**
     * One segment: its id, its occurrence number among segments of that id (1-based), and either HAPI's segment or
     * its text ({@link SegmentText}; then {@code shape} is its v2.5 structure's, null for a segment HAPI does not
     * know, e.g. a Z-segment).
     */
    record Seg(String name, int seq, int index, Segment segment, SegmentText text, Shape shape) {}

    /**
     * A v2.5 segment structure's fields: how many, and which are primitives. HAPI keeps a primitive field's
     * subcomponents (1-k) in the same place as its components (k-1), so a later one overwrites an earlier: a read of
     * such a field past its first component or subcomponent goes to HAPI, which alone knows what that place holds.
     */
    record Shape(int fields, boolean[] primitive) {
        boolean primitive(int field) {
            return field <= primitive.length && primitive[field - 1];
        }
    }

    /** How segments are read: every one by HAPI (the reference the fast reading is tested against), or all but MSH from their text. */
    enum Reading { HAPI, TEXT }

    /** One value found, with the repetition it came from (1-based). */
    record Val(String value, int rep) {}

    private static final java.util.regex.Pattern SEGMENT_ID = java.util.regex.Pattern.compile("[A-Z][A-Z0-9]{2}");

    private final List<Seg> all = new ArrayList<>();
    private final Map<String, List<Seg>> byName = new HashMap<>();

    /**
     * Parses a message whose segments end with \r (as {@link Hl7Reader#normalize} leaves it). A segment with no
     * value in any field is left out, as if not sent.
     *
     * @throws HL7Exception as HAPI's parser throws it, with the segment, its occurrence and the field
     */
    static Segments parse(String message, PipeParser parser, ModelClassFactory factory, Reading reading) throws HL7Exception {
        if (message.length() < 8 || !message.startsWith("MSH")) throw new HL7Exception("消息不是以 MSH 开头");
        char fieldSep = message.charAt(3);
        int msh2End = message.indexOf(fieldSep, 4);
        if (msh2End < 0) throw new HL7Exception("MSH 段缺少编码字符（MSH-2）");
        EncodingCharacters enc = new EncodingCharacters(fieldSep, message.substring(4, msh2End));
        Message parent = new GenericMessage.V25(factory);
        parent.setParser(parser);
        Segments out = new Segments();
        int start = 0;
        while (start < message.length()) {
            int end = message.indexOf('\r', start);
            if (end < 0) end = message.length();
            String text = message.substring(start, end);
            start = end + 1;
            if (text.length() < 3 || isEmpty(text, enc)) continue;
            int nameEnd = text.indexOf(fieldSep);
            String name = nameEnd < 0 ? text : text.substring(0, nameEnd);
            if (!SEGMENT_ID.matcher(name).matches()) {
                String shown = name.length() > 20 ? name.substring(0, 20) + "..." : name;
                throw new HL7Exception("消息第 " + (out.all.size() + 1) + " 段：'" + shown.replaceAll("\\p{Cntrl}", "?")
                        + "' 不是段标识（三个大写字母或数字，如 PID）", ErrorCode.SEGMENT_SEQUENCE_ERROR);
            }
            Class<? extends Segment> type = factory.getSegmentClass(name, "2.5");
            List<Seg> same = out.byName.computeIfAbsent(name, k -> new ArrayList<>());
            Seg x;
            int seq = same.size() + 1;
            if (reading == Reading.TEXT && !name.equals("MSH")) {
                Shape shape = type == null ? null : HapiSegments.SHAPES.get(type);
                SegmentText st = new SegmentText(text, enc, parser.getParserConfiguration().getEscaping(),
                        () -> HapiSegments.parse(parent, parser, factory, type, name, text, enc, seq));
                x = new Seg(name, seq, out.all.size(), null, st, shape);
            } else {
                x = new Seg(name, seq, out.all.size(), HapiSegments.parse(parent, parser, factory, type, name, text, enc, seq), null, null);
            }
            same.add(x);
            out.all.add(x);
        }
        return out;
    }

    /** True when a segment's text holds no value: nothing but separators after its id. */
    private static boolean isEmpty(String text, EncodingCharacters enc) {
        if (text.startsWith("MSH")) return false;
        for (int i = 3; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch != enc.getFieldSeparator() && ch != enc.getComponentSeparator() && ch != enc.getRepetitionSeparator()
                    && ch != enc.getSubcomponentSeparator() && ch != ' ') return false;
        }
        return true;
    }

    List<Seg> all() {
        return all;
    }

    List<Seg> named(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** The n-th (1-based) segment of that id, or null. */
    Seg get(String name, int occurrence) {
        List<Seg> l = named(name);
        return occurrence >= 1 && occurrence <= l.size() ? l.get(occurrence - 1) : null;
    }

    /** The segments after {@code anchor} up to (not including) the next segment with the anchor's id. */
    List<Seg> following(Seg anchor) {
        List<Seg> out = new ArrayList<>();
        for (int i = anchor.index() + 1; i < all.size() && !all.get(i).name().equals(anchor.name()); i++) out.add(all.get(i));
        return out;
    }

    /**
     * The non-empty values at a path in one segment: one value, or one per repetition for {@code (*)}.
     *
     * @throws IllegalArgumentException when a standard segment has no such field (a mapping error)
     */
    static List<Val> values(Seg s, FieldPath p) {
        if (s.text() != null && p.repetition() > 0 && !needsHapi(s, p)) {
            // the usual case, one repetition of a field read from the text: no list built for its repetitions
            SegmentText t = s.text();
            if (!hasField(s, p)) return List.of();
            String v = clean(t.value(p.field(), p.repetition(), p.readComponent(), p.readSubcomponent()));
            return v == null ? List.of() : List.of(new Val(v, p.repetition()));
        }
        Reps reps = s.text() == null ? hapiReps(s.segment(), s, p)
                : needsHapi(s, p) ? hapiReps(s.text().hapi(), s, p) : textReps(s, p);
        if (reps == null) return List.of();
        List<Val> out = new ArrayList<>();
        int count = reps.count();
        if (p.repetition() == FieldPath.ALL) {
            for (int i = 1; i <= count; i++) {
                String v = reps.value(i, p.readComponent(), p.readSubcomponent());
                if (v != null) out.add(new Val(v, i));
            }
        } else if (p.repetition() == FieldPath.FILTER) {
            for (int i = 1; i <= count; i++) {
                if (p.filterValue().equals(reps.value(i, p.filterComponent(), 1))) {
                    String v = reps.value(i, p.readComponent(), p.readSubcomponent());
                    if (v != null) out.add(new Val(v, i));
                    break;
                }
            }
        } else if (p.repetition() <= count) {
            String v = reps.value(p.repetition(), p.readComponent(), p.readSubcomponent());
            if (v != null) out.add(new Val(v, p.repetition()));
        }
        return out;
    }

    /** The repetitions of one field: how many, and the value (trimmed; null when empty) at (repetition, component, subcomponent). */
    private interface Reps {
        int count();

        String value(int rep, int component, int subcomponent);
    }

    /** A read of a standard primitive field past its first component or subcomponent (see {@link Shape}). */
    private static boolean needsHapi(Seg s, FieldPath p) {
        return s.shape() != null && s.shape().primitive(p.field())
                && (p.readComponent() > 1 || p.readSubcomponent() > 1 || p.filterComponent() > 1);
    }

    private static Reps hapiReps(Segment seg, Seg s, FieldPath p) {
        Type[] reps;
        try {
            if (p.field() > seg.numFields()) {
                if (seg instanceof GenericSegment) return null;
                throw noField(s, p, seg.numFields());
            }
            reps = seg.getField(p.field());
        } catch (HL7Exception ex) {
            throw new IllegalArgumentException("cannot read " + p + ": " + ex.getMessage(), ex);
        }
        return new Reps() {
            public int count() {
                return reps.length;
            }

            public String value(int rep, int component, int subcomponent) {
                return HapiSegments.value(reps[rep - 1], component, subcomponent);
            }
        };
    }

    /**
     * Whether a segment read from its text has the path's field, as HAPI counts fields: a standard segment its v2.5
     * fields and every later one sent, a generic one the fields sent; false for a generic segment without it.
     *
     * @throws IllegalArgumentException when a standard segment has no such field (a mapping error)
     */
    private static boolean hasField(Seg s, FieldPath p) {
        int fields = Math.max(s.shape() == null ? 0 : s.shape().fields(), s.text().lastFilledField());
        if (p.field() <= fields) return true;
        if (s.shape() == null) return false;
        throw noField(s, p, fields);
    }

    private static Reps textReps(Seg s, FieldPath p) {
        SegmentText t = s.text();
        if (!hasField(s, p)) return null;
        int count = t.repetitions(p.field());
        return new Reps() {
            public int count() {
                return count;
            }

            public String value(int rep, int component, int subcomponent) {
                return clean(t.value(p.field(), rep, component, subcomponent));
            }
        };
    }

    private static IllegalArgumentException noField(Seg s, FieldPath p, int fields) {
        return new IllegalArgumentException(s.name() + " has no field " + p.field() + " in HL7 v2.5 (it has "
                + fields + "); the mapping's path " + p + " is wrong");
    }

    /** A value trimmed; null when empty or the HL7 null {@code ""}. */
    static String clean(String v) {
        if (v == null) return null;
        v = v.trim();
        return v.isEmpty() || v.equals("\"\"") ? null : v;
    }

}
