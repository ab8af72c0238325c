package io.enjoy.conf.schema;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders the documented configuration file {@code conf/enjoy.yaml} from {@link EnjoySchema}:
 * every key with its default and its documentation as a comment above it. A test keeps the
 * checked-in file equal to this rendering, so the docs cannot drift from the loader.
 * Regenerate with {@code java -cp conf/target/classes:<snakeyaml> io.enjoy.conf.schema.ConfigTemplate > conf/enjoy.yaml}.
 */
public final class ConfigTemplate {
  private ConfigTemplate() {}

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./@-]+");

  private static final String HEADER = """
      # EnJoY configuration: one file per node. Every key is listed with its default; the values
      # below are exactly what a node uses when no file is given (the embedded demo: all roles in
      # one JVM, embedded PostgreSQL, development login provider, self-signed TLS).
      #
      # Start a node with it:  bin/enjoy run --config conf/enjoy.yaml   (or set ENJOY_CONFIG)
      #
      # Every key can be overridden by an environment variable, which wins over this file:
      # ENJOY_ + the key in upper case, with __ between section and key, e.g.
      #   ENJOY_CULLER__TIMEOUT=5s   ENJOY_OIDC__DEV_PROVIDER__PORT=0   ENJOY_DATA_DIR=/srv/enjoy
      #   ENJOY_AUTH__ALLOWED_USERS=alice,bob   (lists are comma-separated)
      # An ENJOY_ variable that names no key stops the start, as does an unknown key here.
      #
      # Durations: 500ms, 600s, 10m, 1h, 2d; a plain number means seconds.
      # Sizes: 512m, 1g, or a plain number of bytes.
      #
      # Production checklist: a real oidc.issuer with oidc.dev_provider.enabled false, the client
      # secret from the environment, database.embedded false with an external PostgreSQL,
      # gateway.tls_cert/tls_key with the host certificate, gateway.public_url, auth lists.
      """;

  public static String render() {
    StringBuilder out = new StringBuilder(HEADER);
    String openSections = "";
    for (Setting<?> s : EnjoySchema.SETTINGS) {
      String section = s.section();
      boolean sectionJustOpened = !section.equals(openSections) && !section.isEmpty() && !openSections.startsWith(section + ".");
      if (!section.equals(openSections)) {
        openSections(out, openSections, section);
        openSections = section;
      }
      String indent = indent(section);
      if (!sectionJustOpened) {
        out.append('\n');
      }
      comment(out, indent, s.doc());
      out.append(indent).append(s.leafName()).append(": ").append(renderValue(s)).append('\n');
    }
    return out.toString();
  }

  /** Writes the headers of the sections entered between {@code from} and {@code to}. */
  private static void openSections(StringBuilder out, String from, String to) {
    String[] parts = to.isEmpty() ? new String[0] : to.split("\\.");
    String path = "";
    for (String part : parts) {
      String parent = path;
      path = path.isEmpty() ? part : path + "." + part;
      boolean alreadyOpen = from.equals(path) || from.startsWith(path + ".");
      if (!alreadyOpen) {
        String indent = indent(parent);
        out.append('\n');
        comment(out, indent, EnjoySchema.SECTIONS.getOrDefault(path, path));
        out.append(indent).append(part).append(":\n");
      }
    }
  }

  private static void comment(StringBuilder out, String indent, String text) {
    for (String line : text.strip().split("\n")) {
      out.append(indent).append("# ").append(line.strip()).append('\n');
    }
  }

  private static String indent(String section) {
    return section.isEmpty() ? "" : "  ".repeat(section.split("\\.").length);
  }

  private static String renderValue(Setting<?> s) {
    if (s.type().list()) {
      List<String> items = ValueType.splitList(s.defaultText());
      return "[" + String.join(", ", items.stream().map(ConfigTemplate::quoted).toList()) + "]";
    }
    return quoted(s.defaultText());
  }

  private static String quoted(String text) {
    if (PLAIN.matcher(text).matches()) {
      return text;
    }
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  public static void main(String[] args) {
    System.out.print(render());
  }
}
