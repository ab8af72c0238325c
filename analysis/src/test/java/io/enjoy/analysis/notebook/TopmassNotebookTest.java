package io.enjoy.analysis.notebook;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The shipped exercise notebook is valid nbformat 4.5 and every code cell runs, in order, through
 * JShell the way the worker's kernel splits cells (analyzeCompletion on the remaining source).
 */
class TopmassNotebookTest {

    static final Path NOTEBOOK = Path.of("src/main/notebooks/topmass.ipynb");

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cells() throws IOException {
        Map<String, Object> nb = (Map<String, Object>) MiniJson.parse(Files.readString(NOTEBOOK));
        assertEquals(4.0, nb.get("nbformat"));
        assertEquals(5.0, nb.get("nbformat_minor"));
        Map<String, Object> ks = (Map<String, Object>) ((Map<String, Object>) nb.get("metadata")).get("kernelspec");
        assertEquals("java", ks.get("language"));
        return (List<Map<String, Object>>) nb.get("cells");
    }

    @SuppressWarnings("unchecked")
    static String source(Map<String, Object> cell) {
        Object s = cell.get("source");
        return s instanceof List<?> l ? String.join("", (List<String>) l) : (String) s;
    }

    @Test
    void notebookIsNbformat45WithUniqueCellIds() throws IOException {
        Set<String> ids = new HashSet<>();
        int code = 0, markdown = 0;
        for (Map<String, Object> c : cells()) {
            String id = (String) c.get("id");
            assertNotNull(id, "nbformat 4.5 cells carry an id");
            assertTrue(id.matches("[a-zA-Z0-9-_]{1,64}"), id);
            assertTrue(ids.add(id), "duplicate id " + id);
            if ("code".equals(c.get("cell_type"))) {
                code++;
                assertTrue(c.containsKey("outputs") && c.containsKey("execution_count"));
            } else {
                markdown++;
            }
        }
        assertTrue(code >= 10 && markdown >= 10, code + " code, " + markdown + " markdown cells");
    }

    @Test
    void everyCodeCellRunsInJShell(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> problems = new ArrayList<>();
        int displays;
        try (JShell shell = JShell.builder().executionEngine("local").out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(out, true, StandardCharsets.UTF_8)).build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                shell.addToClasspath(entry);
            }
            // the worker's display runtime, reduced to rendering the bundle and counting it
            run(shell, "int displays = 0;", problems, "setup");
            run(shell, "void display(Object o) { if (o instanceof io.enjoy.analysis.display.MimeRenderable r) { "
                    + "if (!r.mimeBundle().containsKey(\"text/plain\")) throw new IllegalStateException(\"no text/plain\"); } displays++; }",
                    problems, "setup");
            int n = 0;
            for (Map<String, Object> c : cells()) {
                if (!"code".equals(c.get("cell_type"))) {
                    continue;
                }
                // a temporary data directory and a smaller data set keep the test fast
                String src = source(c).replace("Path.of(\"topmass-data\")", "Path.of(\"" + dir.toString().replace("\\", "\\\\") + "\")")
                        .replace("20_000, 20_000, 5_000", "6_000, 6_000, 3_000");
                run(shell, src, problems, "cell " + (++n) + " (" + c.get("id") + ")");
            }
            displays = Integer.parseInt(shell.eval("displays").get(0).value());
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems) + "\n" + out);
        assertTrue(displays >= 12, "displays " + displays);
    }

    private static void run(JShell shell, String source, List<String> problems, String where) {
        String remaining = source;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(remaining);
            String snippet = info.source() != null ? info.source() : remaining;
            for (SnippetEvent e : shell.eval(snippet)) {
                if (e.status() == Snippet.Status.REJECTED) {
                    StringBuilder d = new StringBuilder();
                    shell.diagnostics(e.snippet()).forEach(x -> d.append(x.getMessage(null)).append("; "));
                    problems.add(where + ": rejected `" + snippet.strip() + "`: " + d);
                }
                if (e.exception() != null) {
                    problems.add(where + ": " + e.exception() + " in `" + snippet.strip() + "`");
                }
            }
            remaining = info.source() != null ? info.remaining() : "";
        }
    }
}
