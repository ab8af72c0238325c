package io.enjoy.conf;

import io.enjoy.conf.schema.CrossRule;
import io.enjoy.conf.schema.EnjoySchema;
import io.enjoy.conf.schema.RawValue;
import io.enjoy.conf.schema.RecordBinder;
import io.enjoy.conf.schema.Setting;
import io.enjoy.conf.schema.Suggestions;
import io.enjoy.conf.schema.Typing;
import io.enjoy.conf.schema.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Produces the typed {@link EnjoyConfig} from the schema's defaults, an optional YAML file and
 * {@code ENJOY_...} environment variables (environment wins over file, file over defaults).
 * Everything wrong is collected and thrown together as one {@link ConfigException}, so an admin
 * fixes the file in one round.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * {@code ENJOY_} variables that name the file or configure {@code bin/} scripts rather than a
   * key ({@code ENJOY_JLINK_JDK} is read by the image build that {@code bin/enjoy} runs).
   */
  public static final Set<String> NON_KEY_VARIABLES =
      Set.of("ENJOY_CONFIG", "ENJOY_HOME", "ENJOY_JAVA_OPTS", "ENJOY_LOG_LEVEL", "ENJOY_JLINK_JDK");

  /** Names the configuration file when {@code --config} is not given. */
  public static final String CONFIG_VARIABLE = "ENJOY_CONFIG";

  /** The installation directory, which relative {@code spawner.worker_dist} is resolved against. */
  public static final String HOME_VARIABLE = "ENJOY_HOME";

  private static final String DEFAULT_ORIGIN = "default";

  static {
    List<String> mismatches = RecordBinder.verify(EnjoyConfig.class, EnjoySchema.SETTINGS);
    if (!mismatches.isEmpty()) {
      throw new IllegalStateException("the configuration schema does not match EnjoyConfig: " + mismatches);
    }
  }

  /** The built-in defaults (the embedded demo), with relative paths resolved against the working directory. */
  public static EnjoyConfig defaults() {
    return load(null, Map.of());
  }

  /**
   * The defaults with some keys changed, for tests and tools: {@code defaultsWith(Map.of("culler.timeout", "5s"))}.
   * Values are written as in the environment (lists comma-separated) and validated like any other.
   *
   * @throws ConfigException on an unknown key or a bad value
   */
  public static EnjoyConfig defaultsWith(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>();
    settings.forEach((key, value) -> env.put(Setting.envNameOf(key), value));
    return load(null, env);
  }

  /**
   * @param fileOrNull a YAML file, or {@code null} for defaults plus environment
   * @param env        the environment, usually {@code System.getenv()}
   * @throws ConfigException naming every bad key and the reason
   */
  public static EnjoyConfig load(Path fileOrNull, Map<String, String> env) {
    String source = fileOrNull == null ? "built-in defaults" : fileOrNull.toString();
    List<String> problems = new ArrayList<>();

    Map<String, RawValue> raw = new LinkedHashMap<>();
    for (Setting<?> s : EnjoySchema.SETTINGS) {
      raw.put(s.key(), RawValue.fromText(s, s.defaultText(), DEFAULT_ORIGIN));
    }
    if (fileOrNull != null) {
      raw.putAll(YamlReader.read(readFile(fileOrNull, source), problems));
    }
    raw.putAll(fromEnvironment(env, problems));

    Map<String, Object> values = new HashMap<>();
    for (Setting<?> s : EnjoySchema.SETTINGS) {
      RawValue value = raw.get(s.key());
      Typing.Result typed = Typing.type(s, value);
      if (typed.problem() != null) {
        problems.add(s.key() + ": " + typed.problem() + " (" + value.origin() + ")");
      } else {
        values.put(s.key(), typed.value());
      }
    }
    for (CrossRule rule : EnjoySchema.RULES) {
      if (values.keySet().containsAll(rule.reads()) && rule.broken().test(values)) {
        problems.add(rule.key() + ": " + rule.reason() + whereSet(rule, raw));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(source, inFileOrder(problems));
    }
    resolvePaths(values, env);
    return RecordBinder.bind(EnjoyConfig.class, "", values);
  }

  /** Where the user set what broke a rule: the blamed key if they set it, else the first key of the rule they set. */
  private static String whereSet(CrossRule rule, Map<String, RawValue> raw) {
    String blamedOrigin = raw.get(rule.key()).origin();
    if (!blamedOrigin.equals(DEFAULT_ORIGIN)) {
      return " (" + blamedOrigin + ")";
    }
    return rule.reads().stream()
        .filter(k -> !raw.get(k).origin().equals(DEFAULT_ORIGIN))
        .findFirst()
        .map(k -> " (" + k + " is set " + (raw.get(k).origin().startsWith("line") ? "at " : "") + raw.get(k).origin() + ")")
        .orElse("");
  }

  private static final Pattern LINE = Pattern.compile("\\(lines? (\\d+)");

  /** Problems that name a file line sorted by it (stable); the others (environment, whole file) after them. */
  private static List<String> inFileOrder(List<String> problems) {
    List<String> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparingInt(p -> {
      Matcher m = LINE.matcher(p);
      return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }));
    return sorted;
  }

  private static String readFile(Path file, String source) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(source, List.of("the file does not exist"));
    } catch (IOException e) {
      throw new ConfigException(source, List.of("cannot read the file: " + e));
    }
  }

  private static Map<String, RawValue> fromEnvironment(Map<String, String> env, List<String> problems) {
    Map<String, Setting<?>> byEnvName = new LinkedHashMap<>();
    EnjoySchema.SETTINGS.forEach(s -> byEnvName.put(s.envName(), s));
    Map<String, RawValue> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      if (!name.startsWith("ENJOY_") || NON_KEY_VARIABLES.contains(name)) {
        continue;
      }
      Setting<?> setting = byEnvName.get(name);
      if (setting != null) {
        values.put(setting.key(), RawValue.fromText(setting, e.getValue(), "from " + name));
      } else {
        problems.add("environment variable " + name + " names no setting"
            + Suggestions.closest(name, byEnvName.keySet()).map(s -> " (did you mean " + s + "?)").orElse("")
            + "; other ENJOY_ variables allowed: " + String.join(", ", new java.util.TreeSet<>(NON_KEY_VARIABLES)));
      }
    }
    return values;
  }

  /** Relative paths become absolute: data_dir against the working directory, the others per their {@link Setting.PathBase}. */
  private static void resolvePaths(Map<String, Object> values, Map<String, String> env) {
    Path workingDir = Path.of("").toAbsolutePath();
    String home = env.getOrDefault(HOME_VARIABLE, "");
    Path installDir = home.isBlank() ? workingDir : workingDir.resolve(home);
    Path dataDir = null;
    for (Setting<?> s : EnjoySchema.SETTINGS) {
      if (s.pathBase() == Setting.PathBase.WORKING_DIR) {
        dataDir = workingDir.resolve((Path) values.get(s.key())).normalize();
        values.put(s.key(), dataDir);
      }
    }
    for (Setting<?> s : EnjoySchema.SETTINGS) {
      if (s.pathBase() == Setting.PathBase.DATA_DIR) {
        values.put(s.key(), dataDir.resolve((Path) values.get(s.key())).normalize());
      } else if (s.pathBase() == Setting.PathBase.INSTALL_DIR) {
        values.put(s.key(), installDir.resolve((Path) values.get(s.key())).normalize());
      }
    }
  }
}
