package io.enjoy.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test fixture for the spawner: a stand-in for the worker that keeps exactly the worker's
 * contract the spawner relies on (WorkerContract): it refuses to start without
 * ENJOY_SERVER_SECRET, binds ENJOY_WORKER_HOST:ENJOY_WORKER_PORT, and answers
 * GET <JUPYTERHUB_SERVICE_PREFIX>api/status with 200 only when X-Enjoy-Server-Secret matches.
 * FIXTURE_NEVER_READY=1 makes it answer 503 forever (a server that runs but never gets ready);
 * FIXTURE_IGNORE_TERM=1 makes it ignore SIGTERM (a server that will not stop politely, H-11).
 * FIXTURE_LISTEN_AFTER_MS=n makes it bind its port only after n ms (a server that starts slowly, as
 * the real worker's JVM does on a busy machine).
 * Compiled and packed into a throw-away worker dist by the tests; never shipped.
 */
public final class WorkerMain {
  public static void main(String[] args) throws IOException {
    String secret = System.getenv("ENJOY_SERVER_SECRET");
    if (secret == null || secret.isEmpty()) {
      System.err.println("fixture worker: ENJOY_SERVER_SECRET is not set; refusing to start without the per-server secret");
      System.exit(3);
    }
    String prefix = System.getenv().getOrDefault("JUPYTERHUB_SERVICE_PREFIX", "/");
    String host = System.getenv().getOrDefault("ENJOY_WORKER_HOST", "127.0.0.1");
    int port = Integer.parseInt(System.getenv().getOrDefault("ENJOY_WORKER_PORT", "8888"));
    Path notebookDir = Path.of(System.getenv().getOrDefault("ENJOY_NOTEBOOK_DIR", "."));
    boolean neverReady = "1".equals(System.getenv("FIXTURE_NEVER_READY"));
    if ("1".equals(System.getenv("FIXTURE_IGNORE_TERM"))) {
      sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.out.println("fixture worker: ignoring SIGTERM"));
    }
    Files.writeString(notebookDir.resolve(".fixture-started"), "started as " + System.getProperty("user.name") + "\n");
    long listenAfter = Long.parseLong(System.getenv().getOrDefault("FIXTURE_LISTEN_AFTER_MS", "0"));
    if (listenAfter > 0) {
      try {
        Thread.sleep(listenAfter);
      } catch (InterruptedException e) {
        return;
      }
    }
    try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getByName(host))) {
      System.out.println("fixture worker: serving " + prefix + " on " + host + ":" + port);
      while (true) {
        Socket socket = server.accept();
        new Thread(() -> answer(socket, prefix, secret, neverReady)).start();
      }
    }
  }

  private static void answer(Socket socket, String prefix, String secret, boolean neverReady) {
    try (socket) {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      String requestLine = in.readLine();
      String given = null;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("X-Enjoy-Server-Secret")) {
          given = line.substring(colon + 1).trim();
        }
      }
      String path = requestLine == null ? "" : requestLine.split(" ")[1];
      int status;
      String body;
      if (!secret.equals(given)) {
        status = 403;
        body = "{\"error\":\"missing or wrong server secret\"}";
      } else if (!path.equals(prefix + "api/status")) {
        status = 404;
        body = "{\"error\":\"not found\"}";
      } else if (neverReady) {
        status = 503;
        body = "{\"error\":\"never ready\"}";
      } else {
        status = 200;
        body = "{\"fixture\":true,\"user\":\"" + System.getProperty("user.name") + "\"}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      // a probe that hung up early
    }
  }
}
