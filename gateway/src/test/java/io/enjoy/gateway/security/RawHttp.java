package io.enjoy.gateway.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: no client library normalises the path,
 * merges headers or adds Origin, so the gateway sees exactly what an attacker's tool would send.
 * One request per connection ({@code Connection: close} is added unless the caller sends its own).
 */
final class RawHttp {
  private final SSLContext tls;
  private final int port;

  /** @param cert the gateway's PEM certificate (trusted); null = plain HTTP */
  RawHttp(Path cert, int port) {
    this.tls = cert == null ? null : trusting(cert);
    this.port = port;
  }

  /** A parsed answer: status, header lines as sent ({@code Name: value}) and body text. */
  record Answer(int status, List<String> headers, String body) {
    /** Every value of a header, case-insensitive name. */
    List<String> all(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(h -> h.substring(prefix.length()).trim()).toList();
    }

    String header(String name) {
      List<String> values = all(name);
      return values.isEmpty() ? null : values.get(0);
    }
  }

  /** Sends {@code METHOD target HTTP/1.1}, Host localhost:port, the given header lines and body. */
  Answer send(String method, String target, List<String> headerLines, String body) {
    return send("localhost:" + port, method, target, headerLines, body);
  }

  /** As {@link #send(String, String, List, String)} with this Host header (still to 127.0.0.1). */
  Answer send(String host, String method, String target, List<String> headerLines, String body) {
    StringBuilder request = new StringBuilder()
        .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host).append("\r\n");
    headerLines.forEach(h -> request.append(h).append("\r\n"));
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      request.append("Content-Length: ").append(bytes.length).append("\r\n");
    }
    if (headerLines.stream().noneMatch(h -> h.regionMatches(true, 0, "Connection:", 0, 11))) {
      request.append("Connection: close\r\n");
    }
    request.append("\r\n");
    return exchange(request.toString().getBytes(StandardCharsets.ISO_8859_1), bytes);
  }

  Answer get(String target, String... headerLines) {
    return send("GET", target, List.of(headerLines), null);
  }

  /** Writes the bytes exactly (no Host or Connection added) and reads the answer. */
  Answer exchange(byte[] head, byte[] body) {
    try (Socket socket = open()) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(head);
      socket.getOutputStream().write(body);
      socket.getOutputStream().flush();
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Socket open() throws IOException {
    if (tls == null) {
      return new Socket("127.0.0.1", port);
    }
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
    socket.startHandshake();
    return socket;
  }

  /**
   * Reads one answer: up to the end of the headers, then Content-Length bytes, or up to the last
   * chunk, or (neither given) up to the end of the connection. Stops early, so a connection the
   * server keeps open after answering does not stall the test.
   */
  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      int headEnd = -1;
      for (int b; headEnd < 0 && (b = in.read()) >= 0; ) {
        out.write(b);
        headEnd = out.size() >= 4 && new String(out.toByteArray(), out.size() - 4, 4, StandardCharsets.ISO_8859_1).equals("\r\n\r\n")
            ? out.size() : -1;
      }
      String head = out.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
      int length = head.contains("\r\ncontent-length:")
          ? Integer.parseInt(head.replaceAll("(?s).*\r\ncontent-length:\\s*(\\d+).*", "$1")) : -1;
      boolean chunked = head.contains("\r\ntransfer-encoding: chunked");
      byte[] buffer = new byte[8192];
      int body = 0;
      for (int n; (length < 0 || body < length) && (n = in.read(buffer, 0, length < 0 ? buffer.length : Math.min(buffer.length, length - body))) > 0; ) {
        out.write(buffer, 0, n);
        body += n;
        if (chunked && out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
          break;
        }
      }
    } catch (javax.net.ssl.SSLException | java.net.SocketException closedHard) {
      // the server may close without close_notify after Connection: close; what arrived counts
    }
    return out.toByteArray();
  }

  private static Answer parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new AssertionError("no complete HTTP answer: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
    return new Answer(status, headers, text.substring(end + 4));
  }

  private static SSLContext trusting(Path cert) {
    try (InputStream in = Files.newInputStream(cert)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException("cannot trust " + cert + ": " + e.getMessage(), e);
    }
  }
}
