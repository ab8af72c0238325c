package io.enjoy.worker.kernel;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces System.out / System.err in the kernel: bytes written by cell code are buffered and sent
 * to the server as stream messages of the running execution, batched by a periodic flush (the
 * kernel calls {@link #drain()} every few tens of milliseconds and at the end of a cell). Past
 * {@code limitBytes} per execution further output is dropped and one notice says so, so an
 * endless print loop cannot flood the browser or the notebook file.
 */
final class OutputRouter extends OutputStream {
  static final int CHUNK_CHARS = 16 * 1024;
  private final KernelChannel channel;
  private final String name;
  private final long limitBytes;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private String executionId;
  private long written;
  private boolean truncated;

  OutputRouter(KernelChannel channel, String name, long limitBytes) {
    this.channel = channel;
    this.name = name;
    this.limitBytes = limitBytes;
  }

  /** Sends what the previous execution left and routes further output to {@code id}. */
  synchronized void begin(String id) {
    drain();
    executionId = id;
    written = 0;
    truncated = false;
  }

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    if (truncated) {
      return;
    }
    long room = limitBytes - written;
    if (len > room) {
      buffer.write(b, off, (int) Math.max(0, room));
      written = limitBytes;
      truncated = true;
      drain();
      send("stdout", "\n[output truncated: this cell printed more than " + (limitBytes / 1024) + " KiB]\n");
      return;
    }
    buffer.write(b, off, len);
    written += len;
  }

  /** Sends the buffered bytes, keeping an incomplete UTF-8 sequence at the end for the next call. */
  synchronized void drain() {
    if (buffer.size() == 0 || executionId == null) {
      return;
    }
    byte[] bytes = buffer.toByteArray();
    int complete = completeUtf8Prefix(bytes);
    buffer.reset();
    buffer.write(bytes, complete, bytes.length - complete);
    if (complete > 0) {
      send(name, new String(bytes, 0, complete, StandardCharsets.UTF_8));
    }
  }

  /** Sends in pieces of at most {@value #CHUNK_CHARS} characters, so no single message gets huge. */
  private void send(String stream, String text) {
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + CHUNK_CHARS);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      channel.send(new JsonObject().put("type", "stream").put("id", executionId).put("name", stream)
          .put("text", text.substring(start, end)));
      start = end;
    }
  }

  static int completeUtf8Prefix(byte[] b) {
    int n = b.length;
    for (int back = 1; back <= Math.min(3, n); back++) {
      int v = b[n - back] & 0xff;
      if ((v & 0xC0) == 0x80) {
        continue; // continuation byte, look further back for the lead byte
      }
      int need = v >= 0xF0 ? 4 : v >= 0xE0 ? 3 : v >= 0xC0 ? 2 : 1;
      return need > back ? n - back : n;
    }
    return n;
  }
}
