package dev.platform.genai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Multi-document YAML read into JSON trees, keeping the line of every field so that a problem at
 * {@code spec.kpis[0].name} can be reported at its line in the file.
 */
public final class YamlDocuments {
  private YamlDocuments() {}

  /** One document: its tree, the line it starts at, and the line of each field path. */
  public record Document(
      Path file, int index, int line, JsonNode tree, Map<String, Integer> lines) {
    /** Line of a field path, or of its nearest enclosing field, or of the document. */
    public int lineOf(String path) {
      String p = path;
      while (!p.isEmpty()) {
        Integer l = lines.get(p);
        if (l != null) {
          return l;
        }
        int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
        p = cut < 0 ? "" : p.substring(0, cut);
      }
      return line;
    }

    public String kind() {
      return tree.path("kind").asText("");
    }
  }

  /** YAML that could not be parsed: where, and why. */
  public static final class MalformedYamlException extends Exception {
    private final int line;

    MalformedYamlException(int line, String message) {
      super(message);
      this.line = line;
    }

    public int line() {
      return line;
    }
  }

  public static List<Document> read(Path file) throws IOException, MalformedYamlException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(file, r);
    }
  }

  public static List<Document> read(Path file, Reader reader) throws MalformedYamlException {
    List<Document> out = new ArrayList<>();
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    try {
      int index = 0;
      for (Node node : yaml.composeAll(reader)) {
        if (node == null) {
          continue;
        }
        Map<String, Integer> lines = new HashMap<>();
        JsonNode tree = convert(node, "", lines);
        out.add(new Document(file, index++, node.getStartMark().getLine() + 1, tree, lines));
      }
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new MalformedYamlException(
          mark == null ? 1 : mark.getLine() + 1,
          "malformed YAML: " + (e.getProblem() == null ? e.getMessage() : e.getProblem()));
    } catch (YAMLException e) {
      throw new MalformedYamlException(1, "malformed YAML: " + e.getMessage());
    }
    return out;
  }

  private static JsonNode convert(Node node, String path, Map<String, Integer> lines) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node instanceof MappingNode m) {
      ObjectNode o = f.objectNode();
      for (NodeTuple t : m.getValue()) {
        String key =
            t.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(t.getKeyNode());
        String child = path.isEmpty() ? key : path + "." + key;
        lines.put(child, t.getKeyNode().getStartMark().getLine() + 1);
        o.set(key, convert(t.getValueNode(), child, lines));
      }
      return o;
    }
    if (node instanceof SequenceNode s) {
      ArrayNode a = f.arrayNode();
      for (int i = 0; i < s.getValue().size(); i++) {
        Node item = s.getValue().get(i);
        String child = path + "[" + i + "]";
        lines.put(child, item.getStartMark().getLine() + 1);
        a.add(convert(item, child, lines));
      }
      return a;
    }
    ScalarNode sc = (ScalarNode) node;
    String v = sc.getValue();
    Tag tag = sc.getTag();
    try {
      if (Tag.NULL.equals(tag)) {
        return f.nullNode();
      } else if (Tag.BOOL.equals(tag)) {
        return f.booleanNode(
            v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on"));
      } else if (Tag.INT.equals(tag)) {
        return f.numberNode(new BigInteger(v.replace("_", "")).longValueExact());
      } else if (Tag.FLOAT.equals(tag)) {
        return f.numberNode(Double.parseDouble(v.replace("_", "")));
      }
    } catch (RuntimeException e) {
      // a number YAML accepts but JSON cannot hold: keep it as text, the schema then says what is
      // wrong
    }
    return f.textNode(v);
  }
}
