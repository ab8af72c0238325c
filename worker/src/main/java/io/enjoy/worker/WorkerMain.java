package io.enjoy.worker;

import io.enjoy.worker.session.KernelLauncher;
import io.enjoy.worker.web.WorkerVerticle;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of the worker program in each user container (and of the local-process backend):
 * {@code java -cp 'lib/*' io.enjoy.worker.WorkerMain}. Settings come from the environment
 * ({@link WorkerSettings}); a missing secret stops the start with a message. On SIGTERM the
 * shutdown hook saves changed notebooks and stops every kernel JVM.
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && "--train".equals(args[0])) {
      WorkerMainTraining.run();
      System.exit(0);
      return;
    }
    WorkerSettings settings;
    try {
      settings = WorkerSettings.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("enjoy worker: cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    seedStarterNotebooks(settings.notebookDir());
    Vertx vertx = Vertx.vertx();
    WorkerVerticle verticle = new WorkerVerticle(settings, KernelLauncher.ofCurrentJvm(settings.kernelJavaOptions()));
    try {
      // Waited for here, not in a callback: exiting from an event-loop thread would block the
      // shutdown hook that closes Vert.x on that same thread.
      vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      System.err.println("enjoy worker: cannot start: " + cause.getMessage());
      vertx.close();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("enjoy worker: shutdown did not finish cleanly: " + e);
      }
    }, "worker-shutdown"));
  }

  /** A student's first start brings the exercise notebook; a failure is reported but does not stop the server. */
  private static void seedStarterNotebooks(java.nio.file.Path home) {
    try {
      for (String name : StarterNotebooks.seed(home)) {
        System.out.println("enjoy worker: put the exercise notebook " + name + " into " + home);
      }
    } catch (java.io.IOException | RuntimeException e) {
      System.err.println("enjoy worker: could not put the exercise notebook into " + home + ": " + e);
    }
  }
}
