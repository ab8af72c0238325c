package io.enjoy.worker.session;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's handle on one kernel JVM. Blocking socket I/O runs on this kernel's own two
 * threads (reader, writer); every message and the exit are delivered on the owner's Vert.x
 * context, so the session never needs locks.
 */
public final class KernelProcess {
  private static final Logger LOG = LoggerFactory.getLogger(KernelProcess.class);
  private static final int CONNECT_TIMEOUT_MS = 60_000;

  private final Process process;
  private final Socket socket;
  private final ExecutorService writer;
  private volatile boolean killed;

  private KernelProcess(Process process, Socket socket) {
    this.process = process;
    this.socket = socket;
    this.writer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "kernel-writer-" + process.pid());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts a kernel and waits until it has connected back. Messages go to {@code onMessage} and
   * the exit reason (null when {@link #kill()} ended it) to {@code onExit}, both on {@code context}.
   */
  public static Future<KernelProcess> start(Context context, KernelLauncher launcher, Path workingDir,
      Consumer<JsonObject> onMessage, Consumer<String> onExit) {
    Promise<KernelProcess> promise = Promise.promise();
    Thread starter = new Thread(() -> {
      KernelProcess kernel = null;
      try {
        kernel = connect(launcher, workingDir);
        // Completion is queued on the context before the reader can queue the first message.
        KernelProcess started = kernel;
        context.runOnContext(v -> promise.complete(started));
        kernel.startReader(context, onMessage, onExit);
      } catch (java.util.concurrent.RejectedExecutionException serverClosing) {
        // Vert.x closed while the kernel was starting (server shutdown): nobody will own it.
        if (kernel != null) {
          kernel.kill();
        }
      } catch (Exception e) {
        try {
          context.runOnContext(v -> promise.fail(e));
        } catch (java.util.concurrent.RejectedExecutionException serverClosing) {
          // nobody waits any more
        }
      }
    }, "kernel-starter");
    starter.setDaemon(true);
    starter.start();
    return promise.future();
  }

  private static KernelProcess connect(KernelLauncher launcher, Path workingDir) throws IOException {
    byte[] raw = new byte[24];
    new SecureRandom().nextBytes(raw);
    String token = HexFormat.of().formatHex(raw);
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(1000);
      Process process = launcher.processFor(workingDir, listener.getLocalPort(), token).start();
      long deadline = System.currentTimeMillis() + CONNECT_TIMEOUT_MS;
      while (true) {
        try {
          Socket socket = listener.accept();
          socket.setTcpNoDelay(true);
          socket.setSoTimeout(10_000);
          BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
          String hello = in.readLine();
          if (hello != null && token.equals(new JsonObject(hello).getString("token"))) {
            socket.setSoTimeout(0);
            KernelProcess kernel = new KernelProcess(process, socket);
            kernel.reader = in;
            return kernel;
          }
          socket.close(); // someone else connected: ignore them and keep waiting
        } catch (SocketTimeoutException notYet) {
          if (!process.isAlive()) {
            throw new IOException("the kernel JVM exited with code " + process.exitValue() + " before it connected");
          }
          if (System.currentTimeMillis() > deadline) {
            process.destroyForcibly();
            throw new IOException("the kernel JVM did not connect within " + CONNECT_TIMEOUT_MS / 1000 + " s");
          }
        } catch (RuntimeException badHello) {
          LOG.warn("ignoring a kernel connection with a malformed hello: {}", badHello.getMessage());
        }
      }
    }
  }

  private BufferedReader reader;

  private void startReader(Context context, Consumer<JsonObject> onMessage, Consumer<String> onExit) {
    Thread t = new Thread(() -> {
      try {
        String line;
        while ((line = reader.readLine()) != null) {
          JsonObject msg;
          try {
            msg = new JsonObject(line);
          } catch (RuntimeException e) {
            LOG.warn("kernel {} sent a malformed line: {}", process.pid(), e.getMessage());
            continue;
          }
          context.runOnContext(v -> onMessage.accept(msg));
        }
      } catch (IOException e) {
        // connection gone; the exit below tells why
      }
      process.onExit().thenAccept(p -> context.runOnContext(v -> onExit.accept(killed ? null : exitReason(p.exitValue()))));
      writer.shutdown();
    }, "kernel-reader-" + process.pid());
    t.setDaemon(true);
    t.start();
  }

  /** A user-facing reason for an exit code. */
  static String exitReason(int code) {
    return switch (code) {
      case 3 -> "the kernel ran out of memory (Java heap limit reached)";
      case 137 -> "the kernel was killed (signal 9; often the container's memory limit)";
      case 143 -> "the kernel was terminated (signal 15)";
      case 0 -> "the kernel exited (System.exit was called?)";
      default -> "the kernel exited with code " + code;
    };
  }

  public void send(JsonObject message) {
    if (writer.isShutdown()) {
      return;
    }
    byte[] bytes = (message.encode() + "\n").getBytes(StandardCharsets.UTF_8);
    writer.execute(() -> {
      try {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        LOG.debug("kernel {} is gone: {}", process.pid(), e.getMessage());
      }
    });
  }

  /** Ends the kernel JVM at once; its exit is then reported with a null reason. */
  public void kill() {
    killed = true;
    process.destroyForcibly();
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }
}
