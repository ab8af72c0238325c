package io.enjoy.conf.schema;

import java.util.List;

/** Turns one raw value into the setting's typed value, or into the reason it cannot. */
public final class Typing {
  private Typing() {}

  /** Either {@code value} or {@code problem} (completing "&lt;key&gt;: ...") is set. */
  public record Result(Object value, String problem) {
    static Result ok(Object value) {
      return new Result(value, null);
    }

    static Result fail(String problem) {
      return new Result(null, problem);
    }
  }

  public static Result type(Setting<?> setting, RawValue raw) {
    ValueType<?> type = setting.type();
    String expected = "expected " + type.expectation();
    Result typed = switch (raw.shape()) {
      case EMPTY -> type.list() ? Result.ok(List.of())
          : type == ValueType.STRING ? Result.ok("")
          : Result.fail(expected + ", got nothing");
      case SECTION -> Result.fail(expected + ", got a section of keys");
      case LIST -> type.list() ? Result.ok(raw.items()) : Result.fail(expected + ", got a list");
      case SCALAR -> type.list()
          ? Result.fail(expected + ", got a single value \"" + raw.text() + "\"")
          : typeScalar(type, raw.text(), expected);
    };
    if (typed.problem() != null) {
      return typed;
    }
    String violation = setting.violation(typed.value());
    return violation == null ? typed : Result.fail(violation);
  }

  private static Result typeScalar(ValueType<?> type, String text, String expected) {
    try {
      return Result.ok(type.parse(text));
    } catch (RuntimeException e) {
      return Result.fail(expected + ", got \"" + text + "\"");
    }
  }
}
