package io.enjoy.gateway.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** User names that stress every name mapping (T19): case, separators, escapes' own markers, Unicode, lengths. */
public final class TrickyNames {
  private TrickyNames() {}

  private static final int[] ALPHABET = {'a', 'A', 'z', 'Z', '0', '9', '-', '_', '.', '@', '~', '%', '+', ' ', '\'', 'x', 'h', 's', 'u',
      'ä', 'Ä', 'ß', 'İ', 'ı', 'ﬁ', 'Ω', 'ω', '中', 'ａ', 0x1F600, 0x10FFFF, 0x200B, 0x0301, '\\', '?', '#', ':', ';', '=', '&'};

  private static String randomName(Random random) {
    int length = 1 + (random.nextInt(8) == 0 ? random.nextInt(UserNames.MAX_CODE_POINTS) : random.nextInt(12));
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < length; i++) {
      name.appendCodePoint(random.nextInt(4) == 0 ? 0x20 + random.nextInt(0x2FFF) : ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return name.toString();
  }

  /** Fixed awkward names and 20 000 seeded random ones, only those {@link UserNames} accepts, each once. */
  public static List<String> accepted() {
    List<String> names = new ArrayList<>(List.of("alice", "Alice", "ALICE", "a-b", "a_b", "a.b", "a~b", "a@b", "ab", "a--hb", "a--sb",
        "a--ub", "alice@uni.example", "alice.uni@example", "ａlice", "e\u0301mile", "émile", "x".repeat(UserNames.MAX_CODE_POINTS),
        "x".repeat(UserNames.MAX_CODE_POINTS - 1) + "y", "...", "a..", "%2F", "a%2Fb", "~", "@", "-", "--", "0", "中文名", "😀"));
    Random random = new Random(20261203L);
    for (int i = 0; i < 20_000; i++) {
      names.add(randomName(random));
    }
    return names.stream().filter(n -> UserNames.problem(n).isEmpty()).distinct().toList();
  }
}
