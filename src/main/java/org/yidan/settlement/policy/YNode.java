package org.yidan.settlement.policy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** A YAML node with its file, line and path, so that every error can say where it is. */
final class YNode {
    final String file;
    final String path;
    final Node node;

    YNode(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    PolicyFileException error(String message) {
        return new PolicyFileException(file, line(), path, message);
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    boolean isMap() {
        return node instanceof MappingNode;
    }

    Map<String, YNode> map() {
        if (!(node instanceof MappingNode m)) throw error("expected a mapping (key: value)");
        Map<String, YNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) throw error("keys must be plain words");
            String key = k.getValue();
            if (out.containsKey(key)) {
                throw new PolicyFileException(file, t.getKeyNode().getStartMark().getLine() + 1, child(key), "duplicate key");
            }
            out.put(key, new YNode(file, child(key), t.getValueNode()));
        }
        return out;
    }

    /** The mapping, refusing keys outside {@code allowed} (catches typos). */
    Map<String, YNode> map(Set<String> allowed) {
        Map<String, YNode> m = map();
        for (Map.Entry<String, YNode> en : m.entrySet()) {
            if (!allowed.contains(en.getKey())) {
                throw en.getValue().error("unknown field '" + en.getKey() + "'; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
        return m;
    }

    List<YNode> list() {
        if (!(node instanceof SequenceNode s)) throw error("expected a list");
        List<YNode> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) out.add(new YNode(file, path + "[" + i + "]", s.getValue().get(i)));
        return out;
    }

    String str() {
        if (!(node instanceof ScalarNode s)) throw error("expected a single value");
        String v = s.getValue();
        if (v == null || v.isBlank() || v.equals("~") || v.equals("null")) throw error("value is empty");
        return v.trim();
    }

    List<String> strings() {
        List<String> out = new ArrayList<>();
        for (YNode n : list()) out.add(n.str());
        return out;
    }

    BigDecimal decimal() {
        String s = str();
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException ex) {
            throw error("not a number: '" + s + "'");
        }
    }

    BigDecimal nonNegative() {
        BigDecimal v = decimal();
        if (v.signum() < 0) throw error("must not be negative: " + v);
        return v;
    }

    BigDecimal rate() {
        BigDecimal v = decimal();
        if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) throw error("a rate must be between 0 and 1: " + v);
        return v;
    }

    int integer() {
        String s = str();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException ex) {
            throw error("not a whole number: '" + s + "'");
        }
    }

    boolean bool() {
        String s = str();
        if (s.equals("true")) return true;
        if (s.equals("false")) return false;
        throw error("expected true or false: '" + s + "'");
    }

    LocalDate date() {
        String s = str();
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException ex) {
            throw error("not a date (YYYY-MM-DD): '" + s + "'");
        }
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
