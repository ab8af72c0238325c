package io.enjoy.conf.launch;

import io.enjoy.conf.ConfigException;
import io.enjoy.conf.ConfigLoader;
import io.enjoy.conf.EnjoyConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code java io.enjoy.conf.launch.EnjoyMain [--config FILE]}: loads the configuration (file
 * from {@code --config}, else {@code $ENJOY_CONFIG}, else the built-in defaults, plus
 * {@code ENJOY_...} overrides) and runs a {@link Node}. Exit codes: 2 = bad command line or
 * configuration (nothing was started), 1 = a role failed to start.
 */
public final class EnjoyMain {
  private EnjoyMain() {}

  /** The chosen file ({@code null} = defaults) and the configuration loaded from it. */
  public record Startup(Path file, EnjoyConfig config) {
    public String source() {
      return file == null ? "built-in defaults" : file.toString();
    }
  }

  /** Bad command line; the message says what was wrong. */
  public static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }

  public static final String USAGE = "usage: EnjoyMain [--config FILE]   (default: $ENJOY_CONFIG, else built-in defaults)";

  /**
   * Reads the command line and loads the configuration, without starting anything.
   *
   * @throws UsageException  on an unknown or incomplete argument
   * @throws ConfigException naming every problem, with the file as its source
   */
  public static Startup prepare(String[] args, Map<String, String> env) {
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--config")) {
        if (i + 1 >= args.length) {
          throw new UsageException("--config needs a file name");
        }
        file = Path.of(args[++i]);
      } else if (arg.startsWith("--config=")) {
        file = Path.of(arg.substring("--config=".length()));
      } else {
        throw new UsageException("unknown argument \"" + arg + "\"");
      }
    }
    if (file == null && !env.getOrDefault(ConfigLoader.CONFIG_VARIABLE, "").isBlank()) {
      file = Path.of(env.get(ConfigLoader.CONFIG_VARIABLE));
    }
    return new Startup(file, ConfigLoader.load(file, env));
  }

  public static void main(String[] args) {
    PrintStream err = System.err;
    Startup startup;
    try {
      startup = prepare(args, System.getenv());
    } catch (UsageException e) {
      err.println("enjoy: " + e.getMessage());
      err.println(USAGE);
      System.exit(2);
      return;
    } catch (ConfigException e) {
      err.println("enjoy: " + e.getMessage());
      System.exit(2);
      return;
    }
    Node node;
    try {
      node = Node.start(startup.config()).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigException config) {
        err.println("enjoy: " + (config.source() == null ? config.withSource(startup.source()) : config).getMessage());
        System.exit(2);
        return;
      }
      printCause(err, cause);
      System.exit(1);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(node), "enjoy-shutdown"));
  }

  private static void printCause(PrintStream err, Throwable failure) {
    err.println("enjoy: " + failure.getMessage());
    for (Throwable c = failure.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      err.println("  caused by: " + c);
    }
    if (Boolean.getBoolean("enjoy.stacktrace") || "DEBUG".equalsIgnoreCase(System.getenv("ENJOY_LOG_LEVEL"))) {
      failure.printStackTrace(err);
    }
  }

  private static void closeQuietly(Node node) {
    try {
      node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      System.err.println("enjoy: closing the node failed: " + e);
    }
  }
}
