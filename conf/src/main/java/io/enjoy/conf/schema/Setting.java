package io.enjoy.conf.schema;

import java.util.Locale;
import java.util.Objects;

/**
 * One configuration key: everything the loader, the environment overrides, the documented
 * {@code conf/enjoy.yaml} and the error messages need to know about it.
 *
 * @param key         dotted snake_case name, e.g. {@code culler.max_age}
 * @param type        how its text becomes a value
 * @param defaultText the default, written as a user would write it in the environment
 * @param constraint  what a parsed value must satisfy
 * @param pathBase    for paths: what a relative value is resolved against; {@code null} otherwise
 * @param doc         the comment shown above the key in {@code conf/enjoy.yaml}
 */
public record Setting<T>(String key, ValueType<T> type, String defaultText, Constraint<? super T> constraint, PathBase pathBase, String doc) {

  /** What a relative path setting is resolved against. */
  public enum PathBase {
    /** the directory the process runs in */
    WORKING_DIR,
    /** the resolved {@code data_dir} */
    DATA_DIR,
    /** {@code $ENJOY_HOME}, the installation directory; the working directory when unset */
    INSTALL_DIR
  }

  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultText, "defaultText");
    Objects.requireNonNull(constraint, "constraint");
    Objects.requireNonNull(doc, "doc");
  }

  /** {@code ENJOY_} + the key in upper case with {@code __} for each dot: {@code ENJOY_OIDC__DEV_PROVIDER__PORT}. */
  public String envName() {
    return envNameOf(key);
  }

  /** The environment variable for a dotted key, whether or not the key exists. */
  public static String envNameOf(String key) {
    return "ENJOY_" + key.replace(".", "__").toUpperCase(Locale.ROOT);
  }

  /** The last segment of the key, as written inside its YAML section. */
  public String leafName() {
    return key.substring(key.lastIndexOf('.') + 1);
  }

  /** The section the key lives in ({@code ""} for top-level keys). */
  public String section() {
    int dot = key.lastIndexOf('.');
    return dot < 0 ? "" : key.substring(0, dot);
  }

  /** The reason {@code value} (of this setting's type) is not acceptable, or {@code null}. */
  @SuppressWarnings("unchecked")
  public String violation(Object value) {
    return ((Constraint<Object>) constraint).violation(value);
  }
}
