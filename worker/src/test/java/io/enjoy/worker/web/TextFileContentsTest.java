package io.enjoy.worker.web;

import static io.enjoy.worker.web.RunningWorker.PREFIX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The contents API behind the file browser's new folder and the text editor: what a script or a
 * second client gets, and the refusals that keep files intact.
 */
class TextFileContentsTest extends RunningWorkerTest {

  private static String editorSave(String content, JsonObject expected) {
    return new JsonObject().put("type", "file").put("format", "text").put("content", content).put("expected", expected).encode();
  }

  @Test
  void newFoldersAreNamedAsJupyterNamesThem() throws Exception {
    Files.createDirectories(home.resolve("folders"));
    for (String expected : new String[] {"folders/Untitled Folder", "folders/Untitled Folder 1", "folders/Untitled Folder 2"}) {
      HttpResponse<String> r = worker.send("POST", PREFIX + "api/contents/folders", "{\"type\": \"directory\"}");
      assertEquals(201, r.statusCode(), r.body());
      assertEquals(expected, new JsonObject(r.body()).getString("path"));
      assertEquals("directory", new JsonObject(r.body()).getString("type"));
      assertTrue(Files.isDirectory(home.resolve(expected)));
    }
  }

  @Test
  void textFileIsReadWithItsStampAndASaveFromAnOlderStampIsRefusedWithTheFileUnchanged() throws Exception {
    Path file = Files.writeString(home.resolve("cuts.py"), "pt_min = 25\n");
    JsonObject loaded = new JsonObject(worker.get(PREFIX + "api/contents/cuts.py").body());
    assertEquals("text", loaded.getString("format"));
    assertEquals("pt_min = 25\n", loaded.getString("content"));
    assertEquals(12, loaded.getInteger("size"));
    JsonObject stamp = new JsonObject().put("last_modified", loaded.getString("last_modified")).put("size", loaded.getInteger("size"));

    HttpResponse<String> saved = worker.put(PREFIX + "api/contents/cuts.py", editorSave("pt_min = 30\n", stamp));
    assertEquals(200, saved.statusCode(), saved.body());
    assertEquals("pt_min = 30\n", Files.readString(file));

    HttpResponse<String> stale = worker.put(PREFIX + "api/contents/cuts.py", editorSave("pt_min = 20\n", stamp));
    assertEquals(409, stale.statusCode());
    assertTrue(new JsonObject(stale.body()).getString("message").contains("was changed on disk since it was opened"), stale.body());
    assertEquals("pt_min = 30\n", Files.readString(file), "the newer version stays");

    HttpResponse<String> bad = worker.put(PREFIX + "api/contents/cuts.py", editorSave("x", new JsonObject().put("size", 1)));
    assertEquals(422, bad.statusCode());
    assertTrue(bad.body().contains("\\\"expected\\\" must be"), bad.body());
  }

  @Test
  void binaryFileIsRefusedAsTextAndLeftAsItWas() throws Exception {
    byte[] classFile = {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61};
    Path file = Files.write(home.resolve("Cut.class"), classFile);
    for (String url : new String[] {"api/contents/Cut.class", "edit/Cut.class"}) {
      HttpResponse<String> r = worker.get(PREFIX + url);
      assertEquals(415, r.statusCode(), url);
      assertTrue(r.body().contains("is a binary file, not text: it cannot be opened in the editor; download it instead"), r.body());
    }
    assertArrayEquals(classFile, Files.readAllBytes(file));
  }

  @Test
  void notebookOpenWithAKernelCannotBeOverwrittenAsText() throws Exception {
    Path file = worker.notebook("open.ipynb", "int x = 1;");
    String before = Files.readString(file);
    worker.get(PREFIX + "notebooks/open.ipynb"); // opens it with a kernel
    HttpResponse<String> r = worker.put(PREFIX + "api/contents/open.ipynb", editorSave("{}", null));
    assertEquals(409, r.statusCode());
    assertTrue(r.body().contains("open with a running kernel"), r.body());
    assertEquals(before, Files.readString(file));
  }
}
