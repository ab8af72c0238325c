package io.enjoy.worker.web;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One real worker server per test class, serving a fresh home directory. */
@ExtendWith(VertxExtension.class)
abstract class RunningWorkerTest {
  @TempDir
  static Path home;
  static RunningWorker worker;

  @BeforeAll
  static void startWorker(Vertx vertx) throws Exception {
    worker = new RunningWorker(vertx, home);
  }

  @AfterAll
  static void stopWorker() throws Exception {
    worker.close();
  }
}
