package io.enjoy.worker.kernel;

import io.enjoy.analysis.display.MimeRenderable;
import io.enjoy.worker.display.Display;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The kernel JVM: one per open notebook, started by the worker server. It connects back to the
 * server over loopback TCP (port and one-time token in {@link KernelProtocol#ENV_PORT} /
 * {@link KernelProtocol#ENV_TOKEN}) and speaks JSON lines (see {@link KernelProtocol}). The
 * protocol does not use stdin/stdout because cell code writes there; System.out/err are replaced
 * by routers that turn output into stream messages. The kernel exits when the server closes the
 * connection, so it never outlives the notebook server.
 */
public final class KernelMain {
  private KernelMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && "--train".equals(args[0])) {
      train();
      return;
    }
    int port = Integer.parseInt(requireEnv(KernelProtocol.ENV_PORT));
    String token = requireEnv(KernelProtocol.ENV_TOKEN);
    long outputLimit = Long.parseLong(System.getenv().getOrDefault(KernelProtocol.ENV_OUTPUT_LIMIT, "1048576"));
    PrintStream diagnostics = System.err;

    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    KernelChannel channel = new KernelChannel(socket.getOutputStream());
    channel.send(new JsonObject().put("type", "hello").put("token", token));

    OutputRouter out = new OutputRouter(channel, "stdout", outputLimit);
    OutputRouter err = new OutputRouter(channel, "stderr", outputLimit);
    System.setOut(new PrintStream(out, false, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, false, StandardCharsets.UTF_8));
    System.setIn(new NoStdin());
    AtomicReference<String> current = new AtomicReference<>();
    Runnable flushOutput = () -> {
      System.out.flush();
      System.err.flush();
      out.drain();
      err.drain();
    };
    Display.installSink(bundle -> {
      flushOutput.run();
      channel.send(new JsonObject().put("type", "display_data").put("id", current.get())
          .put("data", new JsonObject(new HashMap<>(bundle))));
    });
    ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "output-flusher"));
    flusher.scheduleWithFixedDelay(() -> {
      out.drain();
      err.drain();
    }, 50, 50, TimeUnit.MILLISECONDS);

    CellRunner runner = new CellRunner(channel, flushOutput);
    runner.warmUp(startupImports());
    channel.send(new JsonObject().put("type", "ready").put("java", Runtime.version().toString()));

    ExecutorService cells = Executors.newSingleThreadExecutor(r -> daemon(r, "cell-runner"));
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      JsonObject msg;
      try {
        msg = new JsonObject(line);
      } catch (RuntimeException e) {
        diagnostics.println("kernel: ignoring malformed message: " + e.getMessage());
        continue;
      }
      switch (msg.getString("type", "")) {
        case "execute" -> {
          String id = msg.getString("id");
          String cellId = msg.getString("cellId", "");
          String code = msg.getString("code", "");
          cells.submit(() -> {
            current.set(id);
            out.begin(id);
            err.begin(id);
            runner.execute(id, cellId, code);
          });
        }
        case "complete" -> {
          String id = msg.getString("id");
          String code = msg.getString("code", "");
          int cursor = msg.getInteger("cursor", code.length());
          cells.submit(() -> runner.complete(id, code, cursor));
        }
        case "interrupt" -> runner.interrupt(msg.getString("id"));
        case "shutdown" -> {
          Runtime.getRuntime().halt(0);
        }
        default -> diagnostics.println("kernel: unknown message type " + msg.getString("type"));
      }
    }
    Runtime.getRuntime().halt(0); // the server closed the connection
  }

  /**
   * Runs the code paths a kernel uses (imports, values, output, compile and runtime errors, rich
   * display) without a server, then exits normally. Started with
   * {@code -XX:ArchiveClassesAtExit=kernel.jsa} it produces a class-data archive, which
   * {@code KernelLauncher} passes to every kernel it starts. Run by the worker build (worker/pom.xml,
   * for the local backend) and the image build (spawner/image/build-images.sh).
   */
  private static void train() {
    KernelChannel sink = new KernelChannel(java.io.OutputStream.nullOutputStream());
    OutputRouter out = new OutputRouter(sink, "stdout", 1 << 20);
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, false, StandardCharsets.UTF_8));
    Display.installSink(bundle -> sink.send(new JsonObject().put("type", "display_data").put("data", new JsonObject(new HashMap<>(bundle)))));
    CellRunner runner = new CellRunner(sink, out::drain);
    runner.warmUp(startupImports());
    out.begin("train");
    String[] cells = {
        "var v = new io.enjoy.analysis.kinematics.FourVector(100, 30, 40, 50);\nSystem.out.println(v.pt());\nv.mass()",
        "List<Double> xs = new ArrayList<>();\nfor (int i = 0; i < 1000; i++) xs.add(Math.sqrt(i));\nxs.stream().mapToDouble(d -> d).sum()",
        "int broken = undefinedName + 1;",
        "int[] a = new int[1];\nint f(int[] d) { return d[3]; }\nf(a)",
        "display(\"text\");\n\"done\""};
    for (int i = 0; i < cells.length; i++) {
      runner.execute("train-" + i, "train", cells[i]);
    }
    runner.complete("train-complete", "Math.sq", 7);
    out.drain();
    System.setOut(original);
    System.out.println("kernel: training run done");
    System.exit(0);
  }

  /**
   * Every package of the analysis library plus the JDK packages the jshell tool imports by
   * default, and the display runtime; found at start so new analysis packages need no change here.
   */
  static List<String> startupImports() {
    List<String> imports = new ArrayList<>(List.of(
        "import java.util.*;", "import java.util.function.*;", "import java.util.stream.*;",
        "import java.io.*;", "import java.math.*;", "import java.nio.file.*;",
        "import static io.enjoy.worker.display.Display.display;"));
    for (String pkg : AnalysisPackages.find(MimeRenderable.class)) {
      imports.add("import " + pkg + ".*;");
    }
    return imports;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static String requireEnv(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      System.err.println("kernel: " + name + " is not set; the kernel is started by the worker server, not by hand");
      System.exit(2);
    }
    return v;
  }

  /** Notebook cells have no terminal: reading System.in ends at once, with one notice saying so. */
  private static final class NoStdin extends InputStream {
    private volatile boolean told;

    @Override
    public int read() {
      if (!told) {
        told = true;
        System.out.println("[stdin is not available in a notebook cell: reading gives end of input]");
      }
      return -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return len == 0 ? 0 : read();
    }
  }
}
