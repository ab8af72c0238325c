package io.enjoy.spawner.local;

import io.enjoy.conf.bus.ServerKey;
import io.enjoy.conf.worker.WorkerContract;
import io.enjoy.conf.bus.ListedServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the worker processes this backend started, e.g. after a hub restart. Blocking; Linux /proc. */
final class LocalWorkers {
  private LocalWorkers() {}

  /** Live processes running the worker main class with exactly this classpath. */
  static List<ListedServers.Entry> find(String classpath) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(List::of)
            .map(args -> args.contains(WorkerContract.MAIN_CLASS) && args.contains(classpath)).orElse(false))
        .map(LocalWorkers::describe)
        .flatMap(Optional::stream)
        .toList();
  }

  /** The server a worker process serves, from the environment it was started with. */
  private static Optional<ListedServers.Entry> describe(ProcessHandle process) {
    Map<String, String> env = environment(process.pid());
    String user = env.get(WorkerContract.USER);
    if (user == null) {
      return Optional.empty();
    }
    int port;
    try {
      port = Integer.parseInt(env.getOrDefault(WorkerContract.PORT, "0"));
    } catch (NumberFormatException e) {
      port = 0;
    }
    return Optional.of(new ListedServers.Entry(new ServerKey(user, env.getOrDefault(WorkerContract.SERVER_NAME, "")),
        "pid:" + process.pid(), env.getOrDefault(WorkerContract.BIND_HOST, LocalProcessBackend.LOOPBACK), port, process.isAlive()));
  }

  private static Map<String, String> environment(long pid) {
    Map<String, String> env = new HashMap<>();
    try {
      String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8);
      for (String entry : raw.split("\0")) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
          env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
      }
    } catch (IOException | SecurityException e) {
      // not ours to read (another user's process): it is not listed
    }
    return env;
  }
}
