package io.enjoy.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new student's home gets the exercise notebook once; a student's own file is never replaced. */
class StarterNotebooksTest {
  /** The exercise notebook as the analysis module ships it (the worker's tests run in worker/). */
  private static final Path EXERCISE = Path.of("..", "analysis", "src", "main", "notebooks", "topmass.ipynb");

  @Test
  void anEmptyHomeGetsTheExerciseNotebookAsTheAnalysisModuleShipsIt(@TempDir Path home) throws Exception {
    assertEquals(List.of("topmass.ipynb"), StarterNotebooks.seed(home));
    assertArrayEquals(Files.readAllBytes(EXERCISE), Files.readAllBytes(home.resolve("topmass.ipynb")));
    try (var files = Files.list(home)) {
      assertEquals(List.of(".enjoy-seeded", "topmass.ipynb"), files.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary file is left behind");
    }
  }

  @Test
  void aStudentsOwnFileOfThatNameIsNeverReplaced(@TempDir Path home) throws Exception {
    Files.writeString(home.resolve("topmass.ipynb"), "my own work");
    assertEquals(List.of(), StarterNotebooks.seed(home));
    assertEquals("my own work", Files.readString(home.resolve("topmass.ipynb")));
  }

  @Test
  void aSeededNotebookThatTheStudentEditedOrDeletedIsLeftAsItIs(@TempDir Path home) throws Exception {
    StarterNotebooks.seed(home);
    Files.writeString(home.resolve("topmass.ipynb"), "edited");
    assertEquals(List.of(), StarterNotebooks.seed(home), "a restart keeps the edit");
    assertEquals("edited", Files.readString(home.resolve("topmass.ipynb")));
    Files.delete(home.resolve("topmass.ipynb"));
    assertEquals(List.of(), StarterNotebooks.seed(home), "a deleted notebook does not come back");
    assertFalse(Files.exists(home.resolve("topmass.ipynb")));
  }

  @Test
  void aHomeThatCannotBeWrittenIsAnErrorNamingTheFolder(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-home");
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> StarterNotebooks.seed(missing));
    assertTrue(e.getMessage().contains("no-such-home"), e.getMessage());
  }
}
