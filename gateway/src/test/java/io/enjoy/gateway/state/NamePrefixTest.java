package io.enjoy.gateway.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NamePrefixTest {
  private static final String MAX = Character.toString(Character.MAX_CODE_POINT);

  @Test
  void theRangeEndsAtThePrefixWithItsLastCharacterIncremented() {
    assertEquals("student43", NamePrefix.end("student42"));
    assertEquals("émilf", NamePrefix.end("émile"));
  }

  @Test
  void surrogatesAreSkippedBecauseNoNameContainsOne() {
    assertEquals("a\uE000", NamePrefix.end("a\uD7FF"));
  }

  @Test
  void maximalLastCharactersAreDroppedAndAPrefixOfOnlyMaximalOnesHasNoEnd() {
    assertEquals("y", NamePrefix.end("x" + MAX + MAX));
    assertNull(NamePrefix.end(MAX));
  }
}
