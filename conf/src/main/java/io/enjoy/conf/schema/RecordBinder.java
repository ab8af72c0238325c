package io.enjoy.conf.schema;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the configuration records from typed values keyed by setting name. The keys are the
 * snake_case forms of the record component names, so the records themselves are the map from
 * keys to fields and the schema table only has to declare each key once. {@link #verify} checks
 * that the table and the records agree (same keys, matching types).
 */
public final class RecordBinder {
  private RecordBinder() {}

  /** Instantiates {@code type} (a record) from {@code values}; nested records are sections. */
  public static <R extends Record> R bind(Class<R> type, String section, Map<String, Object> values) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      String key = key(section, c);
      types[i] = c.getType();
      if (c.getType().isRecord()) {
        args[i] = bind(c.getType().asSubclass(Record.class), key, values);
      } else if (values.containsKey(key)) {
        args[i] = values.get(key);
      } else {
        throw new IllegalStateException("no value for " + key);
      }
    }
    try {
      Constructor<R> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName() + ": " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    }
  }

  /**
   * Every mismatch between the records under {@code type} and {@code settings}: a component
   * without a setting, a setting without a component, or types that differ. Empty = they agree.
   */
  public static List<String> verify(Class<? extends Record> type, List<Setting<?>> settings) {
    List<String> mismatches = new ArrayList<>();
    List<String> componentKeys = new ArrayList<>();
    collect(type, "", settings, componentKeys, mismatches);
    for (Setting<?> s : settings) {
      if (!componentKeys.contains(s.key())) {
        mismatches.add(s.key() + ": in the schema but not in " + type.getSimpleName());
      }
    }
    return mismatches;
  }

  private static void collect(Class<?> type, String section, List<Setting<?>> settings, List<String> keys, List<String> mismatches) {
    for (RecordComponent c : type.getRecordComponents()) {
      String key = key(section, c);
      if (c.getType().isRecord()) {
        collect(c.getType(), key, settings, keys, mismatches);
        continue;
      }
      keys.add(key);
      Setting<?> setting = settings.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
      if (setting == null) {
        mismatches.add(key + ": component " + type.getSimpleName() + "." + c.getName() + " has no schema entry");
      } else if (!setting.type().javaType().equals(boxed(c.getType()))) {
        mismatches.add(key + ": schema type " + setting.type().javaType().getSimpleName()
            + " but component type " + c.getType().getSimpleName());
      }
    }
  }

  private static String key(String section, RecordComponent c) {
    String snake = snakeCase(c.getName());
    return section.isEmpty() ? snake : section + "." + snake;
  }

  /** {@code hubUrlForWorkers} → {@code hub_url_for_workers}. */
  public static String snakeCase(String camel) {
    StringBuilder out = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        out.append('_').append(Character.toLowerCase(ch));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  private static Class<?> boxed(Class<?> type) {
    if (type == int.class) return Integer.class;
    if (type == long.class) return Long.class;
    if (type == double.class) return Double.class;
    if (type == boolean.class) return Boolean.class;
    return type;
  }
}
