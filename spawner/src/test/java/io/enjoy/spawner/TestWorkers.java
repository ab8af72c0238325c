package io.enjoy.spawner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.bus.SpawnRequest;
import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.spawner.docker.DockerBackend;
import io.enjoy.spawner.docker.DockerEngine;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * The worker programs the spawner tests run: the real worker (worker/target/dist, image
 * enjoy/worker:latest, both built by {@code build-images.sh}) and a small fixture with the same
 * contract that can also be told never to become ready (src/test/resources/fixture-worker).
 */
final class TestWorkers {
  static final Path MODULE = Path.of("").toAbsolutePath();
  static final Path REPO = MODULE.getParent();
  static final Path SCRIPT = REPO.resolve("spawner/image/build-images.sh");
  static final String REAL_IMAGE = "enjoy/worker:latest";
  static final String FIXTURE_IMAGE = "enjoy/worker-fixture:test";
  static final String DOCKER_HOST = "unix:///var/run/docker.sock";

  private TestWorkers() {}

  /** The real worker's dist directory, which must have been built. */
  static Path realDist() {
    Path dist = REPO.resolve("worker/target/dist");
    boolean built;
    try (Stream<Path> jars = Files.isDirectory(dist.resolve("lib")) ? Files.list(dist.resolve("lib")) : Stream.empty()) {
      built = jars.anyMatch(j -> j.getFileName().toString().startsWith("enjoy-worker-"));
    } catch (IOException e) {
      built = false;
    }
    assertTrue(built,
        "the worker dist is missing: run 'mvn -B -q -pl worker -am package -DskipTests' first (" + dist + ")");
    return dist;
  }

  /** Builds the runtime image (enjoy/jre:25, or :17 without Java 25) and the real worker image (a no-op when nothing changed). */
  static String realImage() throws Exception {
    runScript("--worker-dist", realDist().toString());
    return REAL_IMAGE;
  }

  /**
   * The image the backend tests run: the real worker, or with {@code -Denjoy.test.worker=fixture}
   * the fixture (for working on the spawner while the worker is being changed).
   */
  static String workerImage() throws Exception {
    return useFixture() ? fixtureImage() : realImage();
  }

  /** The dist the local-process tests run, chosen like {@link #workerImage()}. */
  static Path workerDist() throws Exception {
    return useFixture() ? fixtureDist() : realDist();
  }

  static boolean useFixture() {
    return "fixture".equals(System.getProperty("enjoy.test.worker", "real"));
  }

  /** Compiles the fixture into its own dist (lib/ with one jar). */
  static synchronized Path fixtureDist() throws IOException {
    Path root = MODULE.resolve("target/fixture-worker");
    Path classes = root.resolve("classes");
    Path jar = root.resolve("dist/lib/enjoy-fixture-worker.jar");
    Files.createDirectories(classes);
    Files.createDirectories(jar.getParent());
    Path source = MODULE.resolve("src/test/resources/fixture-worker/WorkerMain.java");
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString());
    assertEquals(0, rc, "compiling the fixture worker failed");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
         Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        JarEntry entry = new JarEntry(classes.relativize(f).toString().replace('\\', '/'));
        entry.setTime(0); // identical bytes each run, so the image's input hash stays the same
        out.putNextEntry(entry);
        try (InputStream in = Files.newInputStream(f)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return root.resolve("dist");
  }

  /** Builds the fixture image with the real Dockerfile under a test-only tag. */
  static String fixtureImage() throws Exception {
    runScript("--worker-dist", fixtureDist().toString(), "--tag", FIXTURE_IMAGE);
    return FIXTURE_IMAGE;
  }

  static String runScript(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = SCRIPT.toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    System.out.print(output);
    assertEquals(0, rc, "build-images.sh failed:\n" + output);
    return output;
  }

  /** {@code -x1y2z3}: appended to names in a test so that runs on one engine never collide. */
  static String runSuffix() {
    return "-" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[^a-z0-9]", "0");
  }

  /** A fresh, absolute home directory path under target/ (not created). */
  static Path newHome(String tag) {
    return MODULE.resolve("target/test-homes/" + tag + "-" + UUID.randomUUID().toString().substring(0, 8)).resolve("home");
  }

  /** The environment the hub gives a worker: prefix, user, and (unless null) the secret. */
  static Map<String, String> env(ServerKey key, String secret) {
    Map<String, String> env = new HashMap<>();
    env.put(WorkerContract.SERVICE_PREFIX, "/user/" + key.user() + "/" + (key.server().isEmpty() ? "" : key.server() + "/"));
    env.put(WorkerContract.USER, key.user());
    env.put(WorkerContract.SERVER_NAME, key.server());
    if (secret != null) {
      env.put(WorkerContract.SERVER_SECRET, secret);
    }
    return env;
  }

  static SpawnRequest request(ServerKey key, String safeName, String image, Path home, int uid, Map<String, String> env) {
    return new SpawnRequest(key, safeName, image, home.toString(), uid, env, 512L * 1024 * 1024, 1.0);
  }

  /** A Docker backend on the real engine for tests that start the real worker image. */
  static DockerBackend realImageBackend(Vertx vertx, DockerFixture engine) {
    return new DockerBackend(vertx, DockerEngine.connect(DOCKER_HOST), engine.hubId, "n",
        Duration.ofSeconds(90), Duration.ofSeconds(60));
  }

  /** An nbformat 4.5 notebook whose code cells {@code c1, c2, ...} hold these sources. */
  static String notebookWithCodeCells(String... sources) {
    JsonArray cells = new JsonArray();
    for (int i = 0; i < sources.length; i++) {
      JsonArray source = new JsonArray();
      if (!sources[i].isEmpty()) {
        source.add(sources[i]);
      }
      cells.add(new JsonObject().put("cell_type", "code").put("execution_count", (Object) null)
          .put("id", "c" + (i + 1)).put("metadata", new JsonObject())
          .put("outputs", new JsonArray()).put("source", source));
    }
    return new JsonObject().put("cells", cells).put("metadata", new JsonObject())
        .put("nbformat", 4).put("nbformat_minor", 5).encodePrettily();
  }
}
