package org.yidan.settlement.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.GenericSegment;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.util.Terser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The segments of a parsed message in the order they were sent (HAPI keeps unexpected segments inline, so a depth-first
 * walk of its groups gives message order), each with its occurrence number, and value reading by {@link FieldPath}.
 */
final class Segments {

    /** One segment: its id, its occurrence number among segments of that id (1-based), and HAPI's segment. */
    record Seg(String name, int seq, int index, Segment segment) {}

    /** One value found, with the repetition it came from (1-based). */
    record Val(String value, int rep) {}

    private final List<Seg> all = new ArrayList<>();
    private final Map<String, List<Seg>> byName = new HashMap<>();

    Segments(Message m) throws HL7Exception {
        walk(m);
    }

    private void walk(Structure s) throws HL7Exception {
        if (s instanceof Segment seg) {
            if (seg.isEmpty()) return;
            String name = seg.getName();
            List<Seg> same = byName.computeIfAbsent(name, k -> new ArrayList<>());
            Seg x = new Seg(name, same.size() + 1, all.size(), seg);
            same.add(x);
            all.add(x);
            return;
        }
        Group g = (Group) s;
        for (String n : g.getNames()) {
            for (Structure c : g.getAll(n)) walk(c);
        }
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
        Primitive pr = Terser.getPrimitive(t, component, subcomponent);
        String v = pr == null ? null : pr.getValue();
        if (v == null) return null;
        v = v.trim();
        return v.isEmpty() || v.equals("\"\"") ? null : v;
    }
}
