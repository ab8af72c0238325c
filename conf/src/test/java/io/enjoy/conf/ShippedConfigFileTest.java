package io.enjoy.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.schema.ConfigTemplate;
import io.enjoy.conf.schema.EnjoySchema;
import io.enjoy.conf.schema.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code conf/enjoy.yaml} is the documentation of every key; these tests keep it true. */
class ShippedConfigFileTest {

  /** Surefire runs in the module directory, which holds the shipped file. */
  private static final Path SHIPPED = Path.of("enjoy.yaml");

  @Test
  void shippedFileLoadsToExactlyTheDefaults() {
    assertEquals(ConfigLoader.defaults(), ConfigLoader.load(SHIPPED, Map.of()));
  }

  @Test
  void shippedFileIsTheRenderedSchema() throws IOException {
    assertEquals(ConfigTemplate.render(), Files.readString(SHIPPED),
        "conf/enjoy.yaml drifted from the schema; regenerate it with io.enjoy.conf.schema.ConfigTemplate");
  }

  @Test
  void everyKeyAppearsWithACommentAbove() throws IOException {
    Map<String, String> lineAboveKey = keysWithTheLineAbove(Files.readAllLines(SHIPPED));
    for (Setting<?> s : EnjoySchema.SETTINGS) {
      assertTrue(lineAboveKey.containsKey(s.key()), s.key() + " is missing from " + SHIPPED);
      assertTrue(lineAboveKey.get(s.key()).strip().startsWith("#"), s.key() + " has no comment above it");
    }
  }

  /** Dotted key of every "name:" line (sections from indentation) → the line above it. */
  private static Map<String, String> keysWithTheLineAbove(List<String> lines) {
    Map<String, String> result = new HashMap<>();
    List<String> path = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      int depth = (line.length() - line.stripLeading().length()) / 2;
      String name = line.strip().substring(0, line.strip().indexOf(':'));
      while (path.size() > depth) {
        path.remove(path.size() - 1);
      }
      path.add(name);
      result.put(String.join(".", path), i == 0 ? "" : lines.get(i - 1));
    }
    return result;
  }
}
