package org.yidan.settlement.hl7.profile;

import ca.uhn.hl7v2.model.AbstractSegment;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.DefaultModelClassFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yidan.settlement.hl7.FieldPath;
import org.yidan.settlement.hl7.Hl7Charset;
import org.yidan.settlement.hl7.Hl7Error;
import org.yidan.settlement.hl7.Hl7Mapping;
import org.yidan.settlement.hl7.Hl7Reader;
import org.yidan.settlement.hl7.profile.Hl7Profile.Field;
import org.yidan.settlement.hl7.profile.Hl7Profile.Segment;
import org.yidan.settlement.hl7.profile.ProfileDeclaration.Usage;

/**
 * Joins the declared profile with the mapping in use and HAPI's v2.5 definitions into the {@link Hl7Profile} the
 * service serves and checks against: a value's segment and field come from the mapping; a standard segment's order and
 * whether it repeats from the v2.5 message structure; a standard field's name, data type, length and repetitions from
 * the v2.5 segment. A segment's usage is the strongest of its values' (R when any value in it is required).
 */
public final class ProfileBuilder {
    private static final String V25 = "ca.uhn.hl7v2.model.v25.";

    private ProfileBuilder() {}

    public static Hl7Profile build(ProfileDeclaration d, Hl7Mapping mapping) {
        List<Hl7Profile.Message> messages = new ArrayList<>();
        for (ProfileDeclaration.Inbound in : d.inbound().values()) messages.add(inbound(d, in, mapping));
        for (ProfileDeclaration.Outbound out : d.outbound().values()) messages.add(outbound(d, out));
        Map<String, String> usage = new LinkedHashMap<>();
        d.usageNames().forEach((k, v) -> usage.put(k.name(), v));
        return new Hl7Profile(mapping.file(), usage, Hl7Reader.VERSIONS, List.copyOf(messages), tables(d, mapping));
    }

    private static Hl7Profile.Message inbound(ProfileDeclaration d, ProfileDeclaration.Inbound in, Hl7Mapping mapping) {
        MessageStructure st = MessageStructure.of(in.structure());
        Map<String, SegmentBuilder> segs = new LinkedHashMap<>();
        SegmentBuilder msh = segs.computeIfAbsent("MSH", id -> new SegmentBuilder(d, id, st.repeats(id), null, null));
        msh.usage = Usage.R;
        for (ProfileDeclaration.FieldDecl f : d.header()) msh.fields.add(written("MSH", f));
        for (Map.Entry<String, Usage> v : in.values().entrySet()) {
            FieldPath p = mapping.field(v.getKey());
            if (p == null) continue;           // not mapped: the mapping file has no place for this optional value
            SegmentBuilder s = segs.computeIfAbsent(p.segment(), id -> new SegmentBuilder(d, id,
                    st.repeats(id) || p.occurrence() == FieldPath.ALL, null, null));
            s.add(v.getValue());
            s.fields.add(read(d, p, v.getKey(), Hl7Mapping.fieldSpec(v.getKey()), v.getValue(), null));
        }
        for (Map.Entry<String, Usage> g : in.groups().entrySet()) {
            ProfileDeclaration.Group group = d.groups().get(g.getKey());
            boolean lines = group.name().equals("lines");
            String anchor = lines ? Hl7Mapping.LINE_SEGMENT : null;
            for (Map.Entry<String, Usage> v : group.values().entrySet()) {
                FieldPath p = lines ? mapping.line(v.getKey()) : mapping.field(v.getKey());
                if (p == null) continue;
                if (anchor == null) anchor = p.segment();
                boolean first = p.segment().equals(anchor);
                String a = anchor;
                SegmentBuilder s = segs.computeIfAbsent(p.segment(), id -> new SegmentBuilder(d, id, first, group.name(), first ? null : a));
                if (first) s.groupUsage(g.getValue());
                else s.add(v.getValue());
                Hl7Mapping.Spec spec = lines ? Hl7Mapping.lineSpec(v.getKey()) : Hl7Mapping.fieldSpec(v.getKey());
                s.fields.add(read(d, p, v.getKey(), spec, v.getValue(), group.conditions().get(v.getKey())));
            }
            if (lines && !segs.containsKey(anchor)) {
                segs.computeIfAbsent(anchor, id -> new SegmentBuilder(d, id, true, group.name(), null)).groupUsage(g.getValue());
            }
        }
        return new Hl7Profile.Message(in.type(), in.zh(), "inbound", in.structure(),
                d.outbound().containsKey(in.answer()) ? in.answer() : "ACK", st.order(segs));
    }

    private static Hl7Profile.Message outbound(ProfileDeclaration d, ProfileDeclaration.Outbound out) {
        List<ProfileDeclaration.SegmentDecl> decls = new ArrayList<>();
        if (out.extendsType() != null) decls.addAll(d.outbound().get(out.extendsType()).segments());
        decls.addAll(out.segments());
        List<Segment> segs = new ArrayList<>();
        for (ProfileDeclaration.SegmentDecl s : decls) {
            List<Field> fields = new ArrayList<>();
            for (ProfileDeclaration.FieldDecl f : s.fields()) fields.add(written(s.id(), f));
            Hl7Profile.When when = s.when() == null ? null : new Hl7Profile.When(s.when().field(), s.when().in());
            segs.add(new Segment(s.id(), d.segmentName(s.id()), s.usage().name(), s.usage() == Usage.R ? 1 : 0, s.max(), null,
                    null, when, s.condition(), List.copyOf(fields)));
        }
        return new Hl7Profile.Message(out.type(), out.zh(), "outbound", null, null, List.copyOf(segs));
    }

    /** A field the mapping reads a value from. */
    private static Field read(ProfileDeclaration d, FieldPath p, String value, Hl7Mapping.Spec spec, Usage u, String condition) {
        Hapi h = Hapi.field(p.segment(), p.field());
        String max = h != null ? h.max() : p.repetition() == FieldPath.ALL ? "*" : "1";
        String datatype = h != null ? h.datatype() : zType(spec.kind());
        String table = spec.kind() == Hl7Mapping.Kind.CODE ? value : null;
        return new Field(p.text(), p.field(), h == null ? null : h.name(), datatype, h == null ? null : h.length(), u.name(),
                u == Usage.R ? 1 : 0, max, value, d.name(value), spec.kind().name().toLowerCase(), table, condition, null);
    }

    /** A field the declaration names by position (MSH, and what the service writes). */
    private static Field written(String segment, ProfileDeclaration.FieldDecl f) {
        Hapi h = Hapi.field(segment, f.position());
        String datatype = h != null ? h.datatype() : f.format() != null && f.format().equals("AMOUNT") ? "NM" : f.table() != null ? "ID" : "ST";
        String max = f.max().equals("*") || h == null ? f.max() : h.max();
        return new Field(segment + "-" + f.position(), f.position(), h == null ? null : h.name(), datatype,
                h == null ? null : h.length(), f.usage().name(), f.usage() == Usage.R ? 1 : 0, max, null, f.zh(),
                f.format() == null ? null : f.format().toLowerCase(), f.table(), null, f.versions());
    }

    private static String zType(Hl7Mapping.Kind k) {
        return switch (k) {
            case TEXT, ADMDVS -> "ST";
            case CODE -> "IS";
            case DATE -> "DT";
            case DATETIME -> "DTM";
            case MONEY, DECIMAL, RATE -> "NM";
        };
    }

    private static Map<String, Map<String, String>> tables(ProfileDeclaration d, Hl7Mapping mapping) {
        Map<String, Map<String, String>> t = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (ProfileDeclaration.Inbound in : d.inbound().values()) types.put(in.type(), in.zh());
        t.put("message_types", types);
        Map<String, String> versions = new LinkedHashMap<>();
        for (String v : Hl7Reader.VERSIONS) versions.put(v, "HL7 v" + v);
        t.put("versions", versions);
        Map<String, String> charsets = new LinkedHashMap<>();
        for (String n : Hl7Charset.NAMES) charsets.put(n, Hl7Charset.forName(n).name());
        t.put("charsets", charsets);
        Map<String, String> errors = new LinkedHashMap<>();
        for (int code : new int[] {100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207}) {
            errors.put(String.valueOf(code), Hl7Error.codeTextZh(code));
        }
        t.put("error_codes", errors);
        t.putAll(d.tables());
        mapping.tables().forEach((name, codes) -> {
            Map<String, String> m = new LinkedHashMap<>();
            codes.forEach((k, v) -> m.put(k, v == null ? "（已知身份，无救助类别）" : v));
            t.put(name, m);
        });
        return t;
    }

    /** A segment being put together: its usage is the strongest of its values'. */
    static final class SegmentBuilder {
        final ProfileDeclaration d;
        final String id;
        final boolean repeats;
        final String group;
        final String follows;
        Usage usage = Usage.O;
        final List<Field> fields = new ArrayList<>();

        SegmentBuilder(ProfileDeclaration d, String id, boolean repeats, String group, String follows) {
            this.d = d;
            this.id = id;
            this.repeats = repeats;
            this.group = group;
            this.follows = follows;
        }

        void add(Usage u) {
            if (u == Usage.R || u == Usage.RE && usage != Usage.R) usage = u;
        }

        void groupUsage(Usage u) {
            usage = u;
        }

        Segment build() {
            List<Field> byPosition = new ArrayList<>(fields);
            byPosition.sort(java.util.Comparator.comparingInt(Field::position));
            return new Segment(id, d.segmentName(id), usage.name(), usage == Usage.R ? 1 : 0, repeats ? "*" : "1", group,
                    follows, null, null, List.copyOf(byPosition));
        }
    }

    /** A standard field's definition in HAPI's v2.5 model. */
    record Hapi(String name, String datatype, Integer length, String max) {
        private static final DefaultModelClassFactory FACTORY = new DefaultModelClassFactory();

        static Hapi field(String segment, int field) {
            AbstractSegment s = segment(segment);
            if (s == null) return null;
            if (field < 1 || field > s.numFields()) return null;
            try {
                int max = s.getMaxCardinality(field);
                int len = s.getLength(field);
                return new Hapi(s.getNames()[field - 1], s.getField(field, 0).getName(), len > 0 ? len : null,
                        max == 1 ? "1" : "*");
            } catch (ca.uhn.hl7v2.HL7Exception ex) {
                return null;
            }
        }

        static AbstractSegment segment(String id) {
            try {
                Class<?> c = Class.forName(V25 + "segment." + id);
                Message m = new ca.uhn.hl7v2.model.GenericMessage.V25(FACTORY);
                return (AbstractSegment) c.getConstructor(Group.class, ca.uhn.hl7v2.parser.ModelClassFactory.class)
                        .newInstance(m, FACTORY);
            } catch (ReflectiveOperationException | ClassCastException ex) {
                return null;           // ours (a Z-segment), or not a v2.5 segment
            }
        }
    }
}
