package io.enjoy.worker.web;

import static io.enjoy.worker.web.RunningWorker.PREFIX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.worker.WorkerSettings;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The worker's HTTP surface against a real server and real files (no kernel needed). */
class WorkerHttpTest extends RunningWorkerTest {

  @Test
  void statusAnswersOnlyWithTheSecret() throws Exception {
    assertEquals(403, worker.get(PREFIX + "api/status", null).statusCode());
    assertEquals(403, worker.get(PREFIX + "api/status", "wrong-secret").statusCode());
    assertEquals(403, worker.get(PREFIX + "api/status", RunningWorker.SECRET + "x").statusCode());
    HttpResponse<String> ok = worker.get(PREFIX + "api/status");
    assertEquals(200, ok.statusCode());
    JsonObject status = new JsonObject(ok.body());
    assertNotNull(status.getString("started"));
    assertNotNull(status.getString("last_activity"));
    assertEquals(0, status.getInteger("kernels"));
  }

  @Test
  void everyRouteRefusesRequestsWithoutTheSecret() throws Exception {
    worker.notebook("secret.ipynb", "1");
    for (String path : new String[] {PREFIX, PREFIX + "notebooks/secret.ipynb", PREFIX + "api/contents/secret.ipynb",
        PREFIX + "static/notebook.js", "/elsewhere", PREFIX + "api/kernels/ws?path=secret.ipynb"}) {
      HttpResponse<String> r = worker.get(path, null);
      assertEquals(403, r.statusCode(), path);
      assertFalse(r.body().contains("cell"), path);
    }
    WebSocketConnectOptions noSecret = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(worker.port)
        .setURI(PREFIX + "api/kernels/ws?path=secret.ipynb");
    ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> RunningWorker.await(worker.vertx.createWebSocketClient().connect(noSecret)));
    assertTrue(refused.getCause().getMessage().contains("403"), refused.getCause().getMessage());
  }

  @Test
  void pathsOutsideThePrefixAreNotFound() throws Exception {
    assertEquals(404, worker.get("/").statusCode());
    assertEquals(404, worker.get("/user/bob/api/status").statusCode());
    assertEquals(404, worker.get("/user/alice").statusCode());
    assertEquals(404, worker.get(PREFIX + "no/such/route").statusCode());
  }

  @Test
  void pathTraversalIsRejected() throws Exception {
    Path outside = Files.createTempFile("outside", ".ipynb");
    Files.writeString(outside, "top secret");
    Files.createSymbolicLink(home.resolve("escape"), outside.getParent());
    for (String path : new String[] {
        "api/contents/..%2F..%2Fetc%2Fpasswd", "api/contents/%2Fetc%2Fpasswd", "api/contents/sub%2F..%2F..%2Fx.ipynb",
        "api/contents/escape/" + outside.getFileName(), "notebooks/escape/" + outside.getFileName(),
        "notebooks/..%2F" + outside.getFileName()}) {
      HttpResponse<String> r = worker.get(PREFIX + path);
      assertTrue(r.statusCode() == 400 || r.statusCode() == 404, path + " → " + r.statusCode());
      assertFalse(r.body().contains("top secret"), path);
    }
    HttpResponse<String> viaLink = worker.get(PREFIX + "api/contents/escape/" + outside.getFileName());
    assertEquals(400, viaLink.statusCode());
    assertTrue(viaLink.body().contains("outside the notebook directory"), viaLink.body());
    HttpResponse<String> put = worker.put(PREFIX + "api/contents/escape/new.ipynb", "{\"type\": \"notebook\", \"content\": {}}");
    assertEquals(400, put.statusCode());
    assertFalse(Files.exists(outside.getParent().resolve("new.ipynb")));
  }

  @Test
  void fileBrowserLinksNotebooksUnderThePrefix() throws Exception {
    worker.notebook("listed.ipynb", "1");
    Files.createDirectories(home.resolve("folder"));
    String page = worker.get(PREFIX).body();
    assertTrue(page.contains("<a class=\"file-link\" href=\"/user/alice/notebooks/listed.ipynb\">listed.ipynb</a>"), page);
    assertTrue(page.contains("href=\"/user/alice/tree/folder\""), page);
  }

  @Test
  void contentsApiSavesAJupyterNotebookUnchangedByteForByte() throws Exception {
    String original = fixture("widgets-unicode.ipynb");
    Path file = Files.writeString(home.resolve("roundtrip.ipynb"), original);
    HttpResponse<String> got = worker.get(PREFIX + "api/contents/roundtrip.ipynb");
    assertEquals(200, got.statusCode());
    Files.writeString(file, "overwritten"); // prove the PUT below writes the file again
    HttpResponse<String> put = worker.put(PREFIX + "api/contents/roundtrip.ipynb", got.body());
    assertEquals(200, put.statusCode(), put.body());
    assertEquals(original, Files.readString(file));
  }

  @Test
  void directoryListingShowsNotebooks() throws Exception {
    worker.notebook("dir-listing.ipynb", "1");
    JsonObject listing = new JsonObject(worker.get(PREFIX + "api/contents/").body());
    assertEquals("directory", listing.getString("type"));
    assertTrue(listing.getJsonArray("content").stream().map(o -> ((JsonObject) o).getString("name"))
        .anyMatch("dir-listing.ipynb"::equals));
  }

  @Test
  void binaryFileNamedLikeANotebookIsRefusedByNameAndNotTouched() throws Exception {
    byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, (byte) 0xb7, (byte) 0xac, (byte) 0xff, 0x7f};
    Path file = Files.write(home.resolve("archive.ipynb"), zip);
    for (String url : List.of("api/contents/archive.ipynb", "notebooks/archive.ipynb", "nbconvert/html/archive.ipynb")) {
      HttpResponse<String> r = worker.get(PREFIX + url);
      assertEquals(422, r.statusCode(), url);
      assertTrue(r.body().contains("not a notebook: archive.ipynb, not valid UTF-8 text"), url + ": " + r.body());
    }
    try (RunningWorker.Client c = worker.connect("archive.ipynb")) {
      JsonObject e = c.await(x -> "error".equals(x.getString("type")), java.time.Duration.ofSeconds(10), "an error event");
      assertEquals("not a notebook: archive.ipynb, not valid UTF-8 text", e.getString("message"));
    }
    assertArrayEquals(zip, Files.readAllBytes(file));
  }

  @Test
  void corruptNotebookGetsAClearErrorAndIsNotTouched() throws Exception {
    String garbage = "{\"cells\": [ this is not json";
    Path file = Files.writeString(home.resolve("corrupt.ipynb"), garbage);
    long modified = Files.getLastModifiedTime(file).toMillis();
    HttpResponse<String> api = worker.get(PREFIX + "api/contents/corrupt.ipynb");
    assertEquals(422, api.statusCode());
    assertTrue(api.body().contains("not a notebook"), api.body());
    HttpResponse<String> page = worker.get(PREFIX + "notebooks/corrupt.ipynb");
    assertEquals(422, page.statusCode());
    assertTrue(page.body().contains("invalid JSON at line 1"), page.body());
    try (RunningWorker.Client c = worker.connect("corrupt.ipynb")) {
      JsonObject e = c.await(x -> "error".equals(x.getString("type")), java.time.Duration.ofSeconds(10), "an error event");
      assertTrue(e.getString("message").contains("not a notebook"));
    }
    assertEquals(garbage, Files.readString(file));
    assertEquals(modified, Files.getLastModifiedTime(file).toMillis());
  }

  @Test
  void markdownIsRenderedWithoutRunningScript() throws Exception {
    String nb = "{\"cells\": [{\"cell_type\": \"markdown\", \"id\": \"m\", \"metadata\": {}, \"source\": "
        + "\"# Title\\n<script>alert(1)</script>\\n\\n[x](javascript:alert) $a_i + b_i$\"}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n";
    Files.writeString(home.resolve("md.ipynb"), nb);
    String page = worker.get(PREFIX + "notebooks/md.ipynb").body();
    assertTrue(page.contains("<h1>Title</h1>"), page);
    assertFalse(page.contains("<script>alert"), page);
    assertFalse(page.contains("href=\"javascript:"), page);
    assertTrue(page.contains("href=\"\">x</a>"), page);
    assertTrue(page.contains("<span class=\"math\">$a_i + b_i$</span>"), page);
    assertTrue(page.contains("data-cell-type=\"markdown\""));
  }

  @Test
  void missingSecretStopsTheStartNamingTheVariable() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> WorkerSettings.fromEnv(Map.of(WorkerContract.SERVICE_PREFIX, PREFIX)));
    assertTrue(e.getMessage().contains(WorkerContract.SERVER_SECRET), e.getMessage());
  }

  static String fixture(String name) throws Exception {
    try (var in = WorkerHttpTest.class.getResourceAsStream("/notebooks/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void renameIntoAMissingFolderNamesTheFolderAndKeepsTheFile() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.writeString(worker.home.resolve("data.csv"), "a,b\n1,2\n");
    HttpResponse<String> refused = worker.send("PATCH", PREFIX + "api/contents/data.csv", "{\"path\": \"sub/data.csv\"}");
    assertEquals(404, refused.statusCode());
    assertTrue(refused.body().contains("no such folder: sub"), refused.body());
    assertEquals("a,b\n1,2\n", java.nio.file.Files.readString(file), "the file stays where it was");
  }
}
