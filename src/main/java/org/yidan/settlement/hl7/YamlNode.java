package org.yidan.settlement.hl7;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A SnakeYAML node with its file, line and dotted path, so every mapping error can say where it is (the same idea as
 * the policy loader's YNode, which is private to that package).
 */
final class YamlNode {
    final String file;
    final String path;
    final Node node;

    private YamlNode(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    static YamlNode parse(Path f) {
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            Node n = new Yaml(new SafeConstructor(new LoaderOptions())).compose(r);
            if (n == null) throw new Hl7MappingException(f.toString(), 1, "", "file is empty");
            return new YamlNode(f.toString(), "", n);
        } catch (MarkedYAMLException ex) {
            int line = ex.getProblemMark() == null ? 0 : ex.getProblemMark().getLine() + 1;
            throw new Hl7MappingException(f.toString(), line, "", "not valid YAML: " + ex.getProblem());
        } catch (IOException ex) {
            throw new Hl7MappingException(f.toString(), 0, "", "cannot read: " + ex.getMessage());
        }
    }

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    Hl7MappingException error(String message) {
        return new Hl7MappingException(file, line(), path, message);
    }

    /** The mapping, refusing keys outside {@code allowed} (catches typos); null allows any key. */
    Map<String, YamlNode> map(Set<String> allowed) {
        if (!(node instanceof MappingNode m)) throw error("expected a mapping (key: value)");
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) throw error("keys must be plain values");
            String key = k.getValue();
            YamlNode value = new YamlNode(file, child(key), t.getValueNode());
            if (out.containsKey(key)) {
                throw new Hl7MappingException(file, t.getKeyNode().getStartMark().getLine() + 1, child(key), "duplicate key");
            }
            if (allowed != null && !allowed.contains(key)) {
                throw new Hl7MappingException(file, t.getKeyNode().getStartMark().getLine() + 1, child(key),
                        "unknown field '" + key + "'; allowed: " + String.join(", ", new TreeSet<>(allowed)));
            }
            out.put(key, value);
        }
        return out;
    }

    boolean isNull() {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());      // ~, null or nothing, unquoted
    }

    /** A single non-empty value. */
    String str() {
        if (!(node instanceof ScalarNode s)) throw error("expected a single value");
        String v = s.getValue();
        if (v == null || v.isBlank() || isNull()) throw error("value is empty");
        return v.trim();
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
