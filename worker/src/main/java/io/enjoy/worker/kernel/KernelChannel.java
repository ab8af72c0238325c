package io.enjoy.worker.kernel;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The kernel's side of the connection to the server: one JSON object per line, written atomically. */
final class KernelChannel {
  private final OutputStream out;
  private volatile boolean broken;

  KernelChannel(OutputStream out) {
    this.out = out;
  }

  synchronized void send(JsonObject message) {
    if (broken) {
      return;
    }
    try {
      out.write((message.encode() + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      broken = true; // the server went away; the reader loop notices and the kernel exits
    }
  }
}
