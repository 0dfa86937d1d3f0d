package org.yidan.settlement.io;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML node with its file, line and dotted path, so that every error in a policy, a diagnosis list or an HL7 mapping
 * can say where it is ({@code file:line: field: what is wrong}). The kind of exception is the reader's: policies throw
 * PolicyFileException, mappings Hl7MappingException, through the {@link Errors} given to {@link #parse}.
 */
public final class YamlNode {
    /** Makes the reader's own exception for a place in its file. */
    @FunctionalInterface
    public interface Errors {
        RuntimeException at(String file, int line, String field, String message);
    }

    private final String file;
    private final String path;
    private final Node node;
    private final Errors errors;

    private YamlNode(String file, String path, Node node, Errors errors) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.errors = errors;
    }

    /** The file's root node; an unreadable, empty or malformed file is refused with the line of the problem. */
    public static YamlNode parse(Path f, Errors errors) {
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            return parse(f.toString(), r, errors);
        } catch (IOException ex) {
            throw errors.at(f.toString(), 0, "", "无法读取：" + ex.getMessage());
        }
    }

    /** The root node of YAML text (e.g. a resource), named {@code file} in errors. */
    public static YamlNode parse(String file, Reader r, Errors errors) {
        try {
            Node n = new Yaml(new SafeConstructor(new LoaderOptions())).compose(r);
            if (n == null) throw errors.at(file, 1, "", "文件为空");
            return new YamlNode(file, "", n, errors);
        } catch (MarkedYAMLException ex) {
            int line = ex.getProblemMark() == null ? 0 : ex.getProblemMark().getLine() + 1;
            throw errors.at(file, line, "", "不是有效的 YAML：" + ex.getProblem());
        }
    }

    public String file() {
        return file;
    }

    public String path() {
        return path;
    }

    /** 1-based. */
    public int line() {
        return node.getStartMark().getLine() + 1;
    }

    public RuntimeException error(String message) {
        return errors.at(file, line(), path, message);
    }

    /** An error about {@code key} of this mapping, at this node's line (e.g. a required key that is missing). */
    public RuntimeException errorAt(String key, String message) {
        return errors.at(file, line(), child(key), message);
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    /** ~, null or nothing, unquoted. */
    public boolean isNull() {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** The mapping, any keys. */
    public Map<String, YamlNode> map() {
        return map(null);
    }

    /** The mapping, refusing a duplicate key and keys outside {@code allowed} (catches typos); null allows any key. */
    public Map<String, YamlNode> map(Set<String> allowed) {
        if (!(node instanceof MappingNode m)) throw error("应为映射（key: value）");
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) throw error("键必须是普通词");
            String key = k.getValue();
            int keyLine = t.getKeyNode().getStartMark().getLine() + 1;
            if (out.containsKey(key)) throw errors.at(file, keyLine, child(key), "重复的键");
            if (allowed != null && !allowed.contains(key)) {
                throw errors.at(file, keyLine, child(key), "未知字段 '" + key + "'；可用：" + String.join("、", new TreeSet<>(allowed)));
            }
            out.put(key, new YamlNode(file, child(key), t.getValueNode(), errors));
        }
        return out;
    }

    public List<YamlNode> list() {
        if (!(node instanceof SequenceNode s)) throw error("应为列表");
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) out.add(new YamlNode(file, path + "[" + i + "]", s.getValue().get(i), errors));
        return out;
    }

    /** A single non-empty value. */
    public String str() {
        if (!(node instanceof ScalarNode s)) throw error("应为单个值");
        String v = s.getValue();
        if (v == null || v.isBlank() || isNull() || v.equals("~") || v.equals("null")) throw error("值为空");
        return v.trim();
    }

    public List<String> strings() {
        List<String> out = new ArrayList<>();
        for (YamlNode n : list()) out.add(n.str());
        return out;
    }

    public BigDecimal decimal() {
        String s = str();
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException ex) {
            throw error("不是数字：'" + s + "'");
        }
    }

    public BigDecimal nonNegative() {
        BigDecimal v = decimal();
        if (v.signum() < 0) throw error("不能为负数：" + v);
        return v;
    }

    public BigDecimal rate() {
        BigDecimal v = decimal();
        if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) throw error("比例必须在 0 到 1 之间：" + v);
        return v;
    }

    public int integer() {
        String s = str();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException ex) {
            throw error("不是整数：'" + s + "'");
        }
    }

    public boolean bool() {
        String s = str();
        if (s.equals("true")) return true;
        if (s.equals("false")) return false;
        throw error("应为 true 或 false：'" + s + "'");
    }

    public LocalDate date() {
        String s = str();
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException ex) {
            throw error("不是日期（YYYY-MM-DD）：'" + s + "'");
        }
    }

    /** The dotted path of {@code key} below this node. */
    public String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
