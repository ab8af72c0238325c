package io.enjoy.conf.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Reads a configuration file into raw values keyed by dotted setting name. It works on
 * SnakeYAML's node tree rather than on constructed maps so that every problem can name its
 * line, duplicate keys are all reported (not just the first), and nothing is typed yet.
 * Problems (unknown keys, duplicates, a value where a section belongs) go to {@code problems}.
 */
public final class YamlReader {
  private YamlReader() {}

  public static Map<String, RawValue> read(String content, List<String> problems) {
    Node root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new java.io.StringReader(content));
    } catch (MarkedYAMLException e) {
      problems.add("not valid YAML: " + e.getProblem() + " (" + line(e.getProblemMark().getLine()) + ")");
      return Map.of();
    } catch (YAMLException e) {
      problems.add("not valid YAML: " + e.getMessage());
      return Map.of();
    }
    Map<String, RawValue> values = new LinkedHashMap<>();
    if (root == null || isNull(root)) {
      return values; // an empty file means all defaults
    }
    if (!(root instanceof MappingNode mapping)) {
      problems.add("the file must be a mapping of keys (such as \"culler:\"), got " + describe(root) + " (" + line(root) + ")");
      return values;
    }
    readSection(mapping, "", values, problems);
    return values;
  }

  private static void readSection(MappingNode mapping, String section, Map<String, RawValue> values, List<String> problems) {
    Map<String, Integer> seen = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      Node valueNode = tuple.getValueNode();
      if (!(keyNode instanceof ScalarNode scalarKey) || isNull(keyNode)) {
        problems.add((section.isEmpty() ? "" : section + ": ") + "keys must be plain names, got " + describe(keyNode) + " (" + line(keyNode) + ")");
        continue;
      }
      String name = scalarKey.getValue();
      String path = section.isEmpty() ? name : section + "." + name;
      Integer earlier = seen.putIfAbsent(name, lineOf(keyNode));
      if (earlier != null) {
        problems.add("duplicate key \"" + path + "\" (lines " + earlier + " and " + lineOf(keyNode) + ")");
        continue;
      }
      Setting<?> setting = EnjoySchema.find(path);
      if (setting != null) {
        toRaw(path, valueNode, problems).ifPresent(raw -> values.put(path, raw));
      } else if (EnjoySchema.isSection(path)) {
        if (valueNode instanceof MappingNode nested) {
          readSection(nested, path, values, problems);
        } else if (!isNull(valueNode)) {
          problems.add(path + ": expected a section with the keys " + String.join(", ", EnjoySchema.childNames(path))
              + ", got " + describe(valueNode) + " (" + line(valueNode) + ")");
        }
      } else {
        problems.add(unknownKey(section, name, path) + " (" + line(keyNode) + ")");
      }
    }
  }

  private static String unknownKey(String section, String name, String path) {
    Optional<String> sibling = Suggestions.closest(name, EnjoySchema.childNames(section));
    String hint = sibling.map(s -> section.isEmpty() ? s : section + "." + s)
        .or(() -> EnjoySchema.SETTINGS.stream()
            .filter(s -> s.leafName().equals(name))
            .map(Setting::key)
            .findFirst())
        .map(s -> " (did you mean \"" + s + "\"?)")
        .orElse(section.isEmpty()
            ? " (known keys: " + String.join(", ", EnjoySchema.childNames("")) + ")"
            : " (keys of " + section + ": " + String.join(", ", EnjoySchema.childNames(section)) + ")");
    return "unknown key \"" + path + "\"" + hint;
  }

  private static Optional<RawValue> toRaw(String key, Node node, List<String> problems) {
    String origin = line(node);
    if (isNull(node)) {
      return Optional.of(RawValue.of(RawValue.Shape.EMPTY, origin));
    }
    if (node instanceof ScalarNode scalar) {
      return Optional.of(RawValue.scalar(scalar.getValue(), origin));
    }
    if (node instanceof SequenceNode sequence) {
      List<String> items = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        if (!(item instanceof ScalarNode scalarItem) || isNull(item)) {
          problems.add(key + ": list items must be single values, got " + describe(item) + " (" + line(item) + ")");
          return Optional.empty();
        }
        items.add(scalarItem.getValue());
      }
      return Optional.of(RawValue.list(items, origin));
    }
    return Optional.of(RawValue.of(RawValue.Shape.SECTION, origin));
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  private static String describe(Node node) {
    if (isNull(node)) return "nothing";
    if (node instanceof ScalarNode s) return "\"" + s.getValue() + "\"";
    if (node instanceof SequenceNode) return "a list";
    return "a section of keys";
  }

  private static int lineOf(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private static String line(Node node) {
    return "line " + lineOf(node);
  }

  private static String line(int zeroBased) {
    return "line " + (zeroBased + 1);
  }
}
