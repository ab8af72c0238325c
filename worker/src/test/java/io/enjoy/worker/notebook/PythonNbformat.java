package io.enjoy.worker.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Jupyter's own nbformat library (Debian's python3-nbformat), used as the reference validator. */
public final class PythonNbformat {
  private static final String PYTHON = findPython();

  private PythonNbformat() {}

  public static boolean available() {
    return PYTHON != null;
  }

  /** Returns null when nbformat accepts the file, else its complaint. */
  public static String validate(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(PYTHON, "-c",
        "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", file.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "nbformat validation timed out";
    }
    return p.exitValue() == 0 ? null : out;
  }

  private static String findPython() {
    for (String candidate : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p = new ProcessBuilder(candidate, "-c", "import nbformat").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
      } catch (IOException | InterruptedException e) {
        // try the next interpreter
      }
    }
    return null;
  }
}
