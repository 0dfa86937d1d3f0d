package org.yidan.settlement.hl7;

import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escaping;
import java.util.ArrayList;
import java.util.List;

/**
 * An acknowledgement written straight as HL7 text (| ^ ~ \ &), without HAPI's message objects: values set by place,
 * escaped by the same {@link Escaping} HAPI's encoder uses, every segment ended by \r. Only non-empty values are kept, so
 * no list ends with an empty place: HAPI's encoder strips such trailing separators, this one never writes them. {@code AckTextTest} checks its text is
 * HAPI's encoding of the same ACK, byte for byte, and that HAPI parses it back to the same values.
 */
final class AckText implements AckSegments {
    private static final EncodingCharacters ENC = new EncodingCharacters('|', "^~\\&");

    private final Escaping escaping;
    private final List<Segment> segments = new ArrayList<>();

    AckText(Escaping escaping) {
        this.escaping = escaping;
    }

    @Override
    public Target add(String name) {
        Segment s = new Segment(name);
        segments.add(s);
        return s;
    }

    @Override
    public String encode() {
        StringBuilder b = new StringBuilder(256);
        for (Segment s : segments) s.encode(b, escaping);
        return b.toString();
    }

    /** One segment: fields → repetitions → components → subcomponents, grown as values are set. */
    private static final class Segment implements Target {
        private final String name;
        private final List<List<List<List<String>>>> fields = new ArrayList<>();

        Segment(String name) {
            this.name = name;
        }

        @Override
        public void set(int field, int rep, int comp, int sub, String v) {
            if (v == null || v.isEmpty()) return;
            List<List<List<String>>> reps = at(fields, field - 1);
            List<List<String>> comps = at(reps, rep);
            List<String> subs = at(comps, comp - 1);
            while (subs.size() < sub) subs.add(null);
            subs.set(sub - 1, v);
        }

        private static <T> List<T> at(List<List<T>> list, int i) {
            while (list.size() <= i) list.add(new ArrayList<>());
            return list.get(i);
        }

        void encode(StringBuilder b, Escaping escaping) {
            boolean msh = name.equals("MSH");
            b.append(name);
            if (msh) b.append("|^~\\&");
            for (int f = msh ? 2 : 0; f < fields.size(); f++) {
                b.append('|');
                List<List<List<String>>> reps = fields.get(f);
                for (int r = 0; r < reps.size(); r++) {
                    if (r > 0) b.append('~');
                    List<List<String>> comps = reps.get(r);
                    for (int c = 0; c < comps.size(); c++) {
                        if (c > 0) b.append('^');
                        List<String> subs = comps.get(c);
                        for (int s = 0; s < subs.size(); s++) {
                            if (s > 0) b.append('&');
                            String v = subs.get(s);
                            if (v != null) b.append(escaping.escape(v, ENC));
                        }
                    }
                }
            }
            b.append('\r');
        }
    }
}
