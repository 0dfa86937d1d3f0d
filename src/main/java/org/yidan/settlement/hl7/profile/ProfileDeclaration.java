package org.yidan.settlement.hl7.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yidan.settlement.hl7.Hl7Mapping;
import org.yidan.settlement.hl7.Hl7MappingException;
import org.yidan.settlement.hl7.Hl7Reader;
import org.yidan.settlement.io.YamlNode;

/**
 * The message profile as declared (resource {@code hl7/profile.yaml}): per inbound message type the usage (R, RE, O,
 * C) of each value of the mapping and of each group of repeated segments, the MSH fields every inbound message
 * carries, and the segments and fields of what the service sends (ACKs, the bill message). The readers take a value's
 * "required" from here; {@link ProfileBuilder} joins it with the mapping's places and HAPI's v2.5
 * definitions into the profile the service serves.
 */
public final class ProfileDeclaration {
    public static final String RESOURCE = "/hl7/profile.yaml";
    /** The groups of repeated segments the readers know. */
    public static final List<String> GROUPS = List.of("lines", "year_to_date", "platform_rows");

    /** Usage, as in HL7 v2 conformance profiles. */
    public enum Usage { R, RE, O, C }

    public record Inbound(String type, String zh, String structure, String answer, Map<String, Usage> values,
                          Map<String, Usage> groups) {
        /** The value is required in this message (false when it is not read at all). */
        public boolean required(String value) {
            return values.get(value) == Usage.R;
        }

        public Usage group(String name) {
            return groups.get(name);
        }
    }

    public record Group(String name, String zh, Map<String, Usage> values, Map<String, String> conditions) {
        public boolean required(String value) {
            return values.get(value) == Usage.R;
        }
    }

    /** A condition on another field's value, e.g. MSA-1 in [AA]. */
    public record When(String field, List<String> in) {}

    /** @param versions the MSH-12 values it applies to, space separated (null: every version) */
    public record FieldDecl(int position, Usage usage, String max, String zh, String table, String format, String versions) {}

    public record SegmentDecl(String id, Usage usage, String max, When when, String condition, List<FieldDecl> fields) {}

    public record Outbound(String type, String zh, String extendsType, List<SegmentDecl> segments) {}

    private final Map<Usage, String> usageNames;
    private final Map<String, String> names;
    private final Map<String, String> segmentNames;
    private final List<FieldDecl> header;
    private final Map<String, Group> groups;
    private final Map<String, Inbound> inbound;
    private final Map<String, Outbound> outbound;
    private final Map<String, Map<String, String>> tables;

    private ProfileDeclaration(YamlNode root) {
        Map<String, YamlNode> top = root.map(Set.of("usage", "names", "segments", "header", "groups", "inbound", "outbound", "tables"));
        Map<Usage, String> u = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : top.get("usage").map().entrySet()) {
            try {
                u.put(Usage.valueOf(e.getKey()), e.getValue().str());
            } catch (IllegalArgumentException ex) {
                throw top.get("usage").errorAt(e.getKey(), "usage '" + e.getKey() + "' 不是 R、RE、O、C 之一");
            }
        }
        usageNames = Collections.unmodifiableMap(u);
        Map<String, String> n = new LinkedHashMap<>();
        top.get("names").map().forEach((k, v) -> n.put(k, v.str()));
        names = Collections.unmodifiableMap(n);
        Map<String, String> sn = new LinkedHashMap<>();
        top.get("segments").map().forEach((k, v) -> sn.put(k, v.str()));
        segmentNames = Collections.unmodifiableMap(sn);
        header = fields(top.get("header"));
        Map<String, Group> g = new LinkedHashMap<>();
        top.get("groups").map(Set.copyOf(GROUPS)).forEach((k, v) -> g.put(k, group(k, v)));
        groups = Collections.unmodifiableMap(g);
        Map<String, Inbound> in = new LinkedHashMap<>();
        top.get("inbound").map().forEach((k, v) -> in.put(k, inbound(k, v)));
        inbound = Collections.unmodifiableMap(in);
        Map<String, Outbound> out = new LinkedHashMap<>();
        top.get("outbound").map().forEach((k, v) -> out.put(k, outbound(k, v, out)));
        outbound = Collections.unmodifiableMap(out);
        Map<String, Map<String, String>> t = new LinkedHashMap<>();
        top.get("tables").map().forEach((k, v) -> {
            Map<String, String> codes = new LinkedHashMap<>();
            v.map().forEach((c, name) -> codes.put(c, name.str()));
            t.put(k, Collections.unmodifiableMap(codes));
        });
        tables = Collections.unmodifiableMap(t);
        for (String type : Hl7Reader.MESSAGE_TYPES) {
            if (!inbound.containsKey(type)) throw top.get("inbound").error("缺少 " + type + " 的消息定义");
        }
        for (Map.Entry<String, YamlNode> e : top.get("inbound").map().entrySet()) {
            if (!Hl7Reader.MESSAGE_TYPES.contains(e.getKey())) throw e.getValue().error("本服务不读取 " + e.getKey() + " 消息");
        }
    }

    /** The profile the service is built with. */
    public static ProfileDeclaration standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final ProfileDeclaration STANDARD = load(RESOURCE);
    }

    /** Loads a profile from a resource; a problem names the resource, the line and the field. */
    public static ProfileDeclaration load(String resource) {
        try (InputStream in = ProfileDeclaration.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("找不到资源 " + resource);
            return read(resource, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Reads a profile from YAML text. */
    public static ProfileDeclaration read(String name, Reader text) {
        return new ProfileDeclaration(YamlNode.parse(name, text, Hl7MappingException::new));
    }

    public Map<Usage, String> usageNames() {
        return usageNames;
    }

    /** The Chinese name of a value of the mapping; the value's own name when none is declared. */
    public String name(String value) {
        return names.getOrDefault(value, value);
    }

    /** A segment's Chinese name; null when none is declared. */
    public String segmentName(String id) {
        return segmentNames.get(id);
    }

    public List<FieldDecl> header() {
        return header;
    }

    public Map<String, Group> groups() {
        return groups;
    }

    public Map<String, Inbound> inbound() {
        return inbound;
    }

    public Inbound inbound(String type) {
        return inbound.get(type);
    }

    public Map<String, Outbound> outbound() {
        return outbound;
    }

    public Map<String, Map<String, String>> tables() {
        return tables;
    }

    private Group group(String name, YamlNode n) {
        Map<String, YamlNode> m = n.map(Set.of("zh", "values", "conditions"));
        Map<String, Usage> values = usages(m.get("values"), true);
        Map<String, String> conditions = new LinkedHashMap<>();
        if (m.containsKey("conditions")) m.get("conditions").map(values.keySet()).forEach((k, v) -> conditions.put(k, v.str()));
        for (Map.Entry<String, Usage> e : values.entrySet()) {
            if (e.getValue() == Usage.C && !conditions.containsKey(e.getKey())) {
                throw m.get("values").errorAt(e.getKey(), "条件值须在 conditions 下写明条件");
            }
        }
        return new Group(name, m.get("zh").str(), values, Collections.unmodifiableMap(conditions));
    }

    private Inbound inbound(String type, YamlNode n) {
        Map<String, YamlNode> m = n.map(Set.of("zh", "structure", "answer", "values", "groups"));
        Map<String, Usage> groupUsages = new LinkedHashMap<>();
        if (m.containsKey("groups")) m.get("groups").map(groups.keySet()).forEach((k, v) -> groupUsages.put(k, usage(v, k)));
        return new Inbound(type, m.get("zh").str(), m.get("structure").str(), m.get("answer").str(),
                usages(m.get("values"), false), Collections.unmodifiableMap(groupUsages));
    }

    /** Value → usage, each value a known one (a header value, or in a group a charge-line or repeated-segment value). */
    private Map<String, Usage> usages(YamlNode n, boolean inGroup) {
        Map<String, Usage> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : n.map().entrySet()) {
            String v = e.getKey();
            boolean known = Hl7Mapping.fieldSpec(v) != null || inGroup && Hl7Mapping.lineSpec(v) != null;
            if (!known) throw n.errorAt(v, "'" + v + "' 不是映射中的值");
            if (!names.containsKey(v)) throw n.errorAt(v, "'" + v + "' 在 names 下没有中文名");
            out.put(v, usage(e.getValue(), v));
        }
        return Collections.unmodifiableMap(out);
    }

    /** @param before the types declared above it (one may be extended) */
    private Outbound outbound(String type, YamlNode n, Map<String, Outbound> before) {
        Map<String, YamlNode> m = n.map(Set.of("zh", "extends", "segments"));
        List<SegmentDecl> segs = new ArrayList<>();
        for (YamlNode s : m.get("segments").list()) {
            Map<String, YamlNode> sm = s.map(Set.of("id", "usage", "max", "when", "condition", "fields"));
            When when = null;
            if (sm.containsKey("when")) {
                Map<String, YamlNode> w = sm.get("when").map(Set.of("field", "in"));
                when = new When(w.get("field").str(), w.get("in").strings());
            }
            segs.add(new SegmentDecl(sm.get("id").str(), usage(sm.get("usage"), "usage"), opt(sm, "max", "1"), when,
                    opt(sm, "condition", null), fields(sm.get("fields"))));
        }
        String ext = opt(m, "extends", null);
        if (ext != null && !before.containsKey(ext)) throw m.get("extends").error("'" + ext + "' 未在前面声明");
        return new Outbound(type, m.get("zh").str(), ext, List.copyOf(segs));
    }

    private List<FieldDecl> fields(YamlNode n) {
        List<FieldDecl> out = new ArrayList<>();
        for (YamlNode f : n.list()) {
            Map<String, YamlNode> m = f.map(Set.of("position", "usage", "max", "zh", "table", "format", "versions"));
            out.add(new FieldDecl(m.get("position").integer(), usage(m.get("usage"), "usage"), opt(m, "max", "1"),
                    m.get("zh").str(), opt(m, "table", null), opt(m, "format", null), opt(m, "versions", null)));
        }
        return List.copyOf(out);
    }

    private static String opt(Map<String, YamlNode> m, String key, String otherwise) {
        return m.containsKey(key) ? m.get(key).str() : otherwise;
    }

    private static Usage usage(YamlNode n, String what) {
        String s = n.str();
        try {
            return Usage.valueOf(s);
        } catch (IllegalArgumentException ex) {
            throw n.error(what + "：usage '" + s + "' 不是 R、RE、O、C 之一");
        }
    }
}
