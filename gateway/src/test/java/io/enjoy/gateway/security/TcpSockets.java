package io.enjoy.gateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Counts this machine's TCP sockets from {@code /proc/net/tcp} and {@code tcp6}, the way
 * {@code ss -tan} would: the proxy's connections to a worker port, or the gateway's accepted
 * connections, in the states that hold a file descriptor and an ephemeral port.
 */
final class TcpSockets {
  /** ESTABLISHED, SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2, CLOSE_WAIT, LAST_ACK, CLOSING (not TIME_WAIT, not LISTEN). */
  private static final Set<String> HELD = Set.of("01", "02", "03", "04", "05", "08", "09", "0B");

  private TcpSockets() {}

  /** Connections made to {@code port} that are open or being opened (ESTABLISHED, SYN_SENT). */
  static long toPort(int port) {
    return entries().filter(e -> (e[3].equals("01") || e[3].equals("02")) && portOf(e[2]) == port).count();
  }

  /** Sockets whose local end is {@code port} (connections accepted by a listener there). */
  static long atPort(int port) {
    return entries().filter(e -> HELD.contains(e[3]) && portOf(e[1]) == port).count();
  }

  private static Stream<String[]> entries() {
    return Stream.of("/proc/net/tcp", "/proc/net/tcp6").flatMap(file -> {
      try {
        List<String> lines = Files.readAllLines(Path.of(file));
        return lines.stream().skip(1).map(line -> line.trim().split("\\s+"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static int portOf(String address) {
    return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
  }
}
