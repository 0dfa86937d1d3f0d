package org.yidan.settlement.hl7.profile;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Structure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An HL7 v2.5 message structure as HAPI defines it (e.g. ADT_A01): the order of its segments and which repeat (a
 * segment repeats when it, or a group around it, does: IN1 in INSURANCE, FT1 in FINANCIAL).
 */
final class MessageStructure {
    private final List<String> order = new ArrayList<>();
    private final Set<String> repeating = new HashSet<>();

    private MessageStructure() {}

    static MessageStructure of(String name) {
        MessageStructure s = new MessageStructure();
        try {
            Group m = (Group) Class.forName("ca.uhn.hl7v2.model.v25.message." + name).getConstructor().newInstance();
            s.walk(m, false);
        } catch (ReflectiveOperationException | HL7Exception ex) {
            throw new IllegalStateException("no HL7 v2.5 message structure " + name + ": " + ex.getMessage(), ex);
        }
        return s;
    }

    private void walk(Group g, boolean inRepeating) throws HL7Exception {
        for (String n : g.getNames()) {
            boolean rep = inRepeating || g.isRepeating(n);
            if (g.isGroup(n)) {
                Structure child = g.get(n);
                walk((Group) child, rep);
            } else {
                String id = n.substring(0, 3);             // HAPI names a second ROL "ROL2"
                if (!order.contains(id)) order.add(id);
                if (rep) repeating.add(id);
            }
        }
    }

    boolean repeats(String segment) {
        return repeating.contains(segment);
    }

    /**
     * The segments in the structure's order; those it does not know (Z-segments, an FT1 in an A03) after them in the
     * order given; a segment that follows another right after that one.
     */
    List<Hl7Profile.Segment> order(Map<String, ProfileBuilder.SegmentBuilder> segs) {
        List<String> ids = new ArrayList<>();
        for (String id : order) if (segs.containsKey(id) && segs.get(id).follows == null) ids.add(id);
        for (String id : segs.keySet()) if (!ids.contains(id) && segs.get(id).follows == null) ids.add(id);
        Map<String, List<String>> followers = new LinkedHashMap<>();
        for (ProfileBuilder.SegmentBuilder s : segs.values()) {
            if (s.follows != null) followers.computeIfAbsent(s.follows, k -> new ArrayList<>()).add(s.id);
        }
        List<Hl7Profile.Segment> out = new ArrayList<>();
        for (String id : ids) {
            out.add(segs.get(id).build());
            for (String f : followers.getOrDefault(id, List.of())) out.add(segs.get(f).build());
        }
        return List.copyOf(out);
    }
}
