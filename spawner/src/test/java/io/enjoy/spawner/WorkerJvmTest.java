package io.enjoy.spawner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local backend and the worker image start the server JVM with the same flags. */
class WorkerJvmTest {

  @Test
  void theImagesCmdUsesTheSameServerFlagsAsTheLocalBackend() throws Exception {
    String cmdLine = Files.readAllLines(TestWorkers.REPO.resolve("spawner/image/Dockerfile")).stream()
        .filter(l -> l.startsWith("CMD ")).findFirst().orElseThrow();
    List<String> cmd = new JsonArray(cmdLine.substring(4)).stream().map(String::valueOf).toList();
    List<String> flags = cmd.subList(1, cmd.indexOf("-cp")).stream()
        .filter(f -> !f.equals("@/opt/enjoy/server.args")).toList(); // the start-up cache for the image's runtime
    assertEquals(WorkerJvm.FLAGS.stream().sorted().toList(), flags.stream().sorted().toList());
  }
}
