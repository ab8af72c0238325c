package io.enjoy.conf;

import java.util.List;

/**
 * The configuration cannot be used. {@link #problems()} holds one line per problem, each naming
 * the key and the reason, e.g. {@code culler.timeout: expected a duration such as 600s, 10m or
 * 1h, got "ten minutes" (line 12)}. A node must not start when this is thrown.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final List<String> problems;

  /**
   * @param source   the file (or "built-in defaults") the configuration came from; {@code null}
   *                 when the thrower does not know it (the launcher adds it)
   * @param problems one message per problem, each starting with the key it concerns
   */
  public ConfigException(String source, List<String> problems) {
    super(render(source, problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** One problem with one key, e.g. {@code forKey("roles", "unknown role \"x\"")}. */
  public static ConfigException forKey(String key, String reason) {
    return new ConfigException(null, List.of(key + ": " + reason));
  }

  /** Where the configuration came from, or {@code null}. */
  public String source() {
    return source;
  }

  public List<String> problems() {
    return problems;
  }

  /** The same problems, attributed to {@code newSource}. */
  public ConfigException withSource(String newSource) {
    return new ConfigException(newSource, problems);
  }

  private static String render(String source, List<String> problems) {
    return "configuration error" + (source == null ? "" : " in " + source) + ":\n  " + String.join("\n  ", problems);
  }
}
