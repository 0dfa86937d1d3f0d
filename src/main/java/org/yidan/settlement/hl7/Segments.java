package org.yidan.settlement.hl7;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Composite;
import ca.uhn.hl7v2.model.GenericComposite;
import ca.uhn.hl7v2.model.GenericMessage;
import ca.uhn.hl7v2.model.GenericSegment;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The segments of a message in the order they were sent, each with its occurrence number, parsed one by one by HAPI
 * into its v2.5 segment structure (an unknown segment, e.g. our ZIN and ZFT, into a {@link GenericSegment}), and
 * value reading by {@link FieldPath}.
 *
 * <p>Each segment is parsed with HAPI's own segment parser ({@link PipeParser#parse(Segment, String,
 * EncodingCharacters, int)}: fields, repetitions, components, escapes) but not placed into the message's group tree:
 * the reader finds values by segment id and occurrence in message order, so walking HAPI's groups (and HAPI working
 * out, per segment, where in the structure it goes) was work for nothing: about half of the time a 500-line DFT^P03
 * took to read.
 */
final class Segments {

    /** One segment: its id, its occurrence number among segments of that id (1-based), and HAPI's segment. */
    record Seg(String name, int seq, int index, Segment segment) {}

    /** One value found, with the repetition it came from (1-based). */
    record Val(String value, int rep) {}

    private static final ClassValue<Constructor<? extends Segment>> CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected Constructor<? extends Segment> computeValue(Class<?> type) {
            try {
                return type.asSubclass(Segment.class).getConstructor(Group.class, ModelClassFactory.class);
            } catch (NoSuchMethodException ex) {
                throw new IllegalStateException(type + " has no (Group, ModelClassFactory) constructor", ex);
            }
        }
    };

    private static final java.util.regex.Pattern SEGMENT_ID = java.util.regex.Pattern.compile("[A-Z][A-Z0-9]{2}");

    private final List<Seg> all = new ArrayList<>();
    private final Map<String, List<Seg>> byName = new HashMap<>();

    /**
     * Parses a message whose segments end with \r (as {@link Hl7Reader#normalize} leaves it). A segment with no
     * value in any field is left out, as if not sent.
     *
     * @throws HL7Exception as HAPI's parser throws it, with the segment, its occurrence and the field
     */
    static Segments parse(String message, PipeParser parser, ModelClassFactory factory) throws HL7Exception {
        if (message.length() < 8 || !message.startsWith("MSH")) throw new HL7Exception("the message does not begin with MSH");
        char fieldSep = message.charAt(3);
        int msh2End = message.indexOf(fieldSep, 4);
        if (msh2End < 0) throw new HL7Exception("MSH has no encoding characters (MSH-2)");
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
                throw new HL7Exception("segment " + (out.all.size() + 1) + " of the message: '" + shown.replaceAll("\\p{Cntrl}", "?")
                        + "' is not a segment id (three capital letters or digits, e.g. PID)", ErrorCode.SEGMENT_SEQUENCE_ERROR);
            }
            Class<? extends Segment> type = factory.getSegmentClass(name, "2.5");
            Segment seg;
            try {
                seg = type == null ? new GenericSegment(parent, name) : CONSTRUCTORS.get(type).newInstance(parent, factory);
            } catch (ReflectiveOperationException ex) {
                throw new HL7Exception("cannot make the HAPI structure of segment " + name + ": " + ex, ex);
            }
            List<Seg> same = out.byName.computeIfAbsent(name, k -> new ArrayList<>());
            parser.parse(seg, text, enc, same.size() + 1);
            Seg x = new Seg(name, same.size() + 1, out.all.size(), seg);
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
        Segment seg = s.segment();
        Type[] reps;
        try {
            if (p.field() > seg.numFields()) {
                if (seg instanceof GenericSegment) return List.of();
                throw new IllegalArgumentException(s.name() + " has no field " + p.field() + " in HL7 v2.5 (it has "
                        + seg.numFields() + "); the mapping's path " + p + " is wrong");
            }
            reps = seg.getField(p.field());
        } catch (HL7Exception ex) {
            throw new IllegalArgumentException("cannot read " + p + ": " + ex.getMessage(), ex);
        }
        List<Val> out = new ArrayList<>();
        if (p.repetition() == FieldPath.ALL) {
            for (int i = 0; i < reps.length; i++) {
                String v = value(reps[i], p.readComponent(), p.readSubcomponent());
                if (v != null) out.add(new Val(v, i + 1));
            }
        } else if (p.repetition() == FieldPath.FILTER) {
            for (int i = 0; i < reps.length; i++) {
                if (p.filterValue().equals(value(reps[i], p.filterComponent(), 1))) {
                    String v = value(reps[i], p.readComponent(), p.readSubcomponent());
                    if (v != null) out.add(new Val(v, i + 1));
                    break;
                }
            }
        } else if (p.repetition() <= reps.length) {
            String v = value(reps[p.repetition() - 1], p.readComponent(), p.readSubcomponent());
            if (v != null) out.add(new Val(v, p.repetition()));
        }
        return out;
    }

    /** A primitive's text, trimmed; null when empty or the HL7 null {@code ""}. */
    static String value(Type t, int component, int subcomponent) {
        Primitive pr = primitive(t, component, subcomponent);
        String v = pr == null ? null : pr.getValue();
        if (v == null) return null;
        v = v.trim();
        return v.isEmpty() || v.equals("\"\"") ? null : v;
    }

    /**
     * The primitive at (component, subcomponent) of a field, as {@link Terser#getPrimitive(Type, int, int)} finds it:
     * directly for a standard primitive or composite, through Terser for the rest (extra components, Varies, generic
     * composites).
     */
    private static Primitive primitive(Type t, int component, int subcomponent) {
        if (t instanceof Primitive p && !(t instanceof Varies)) {
            if (component == 1 && subcomponent == 1) return p;
        } else if (t instanceof Composite c && !(t instanceof GenericComposite)) {
            Type[] comps = c.getComponents();
            if (component <= comps.length) {
                Type x = comps[component - 1];
                if (x instanceof Primitive p && !(x instanceof Varies) && subcomponent == 1) return p;
                if (x instanceof Composite c2 && !(x instanceof GenericComposite)) {
                    Type[] subs = c2.getComponents();
                    if (subcomponent <= subs.length && subs[subcomponent - 1] instanceof Primitive p
                            && !(subs[subcomponent - 1] instanceof Varies)) return p;
                }
            }
        }
        return Terser.getPrimitive(t, component, subcomponent);
    }
}
