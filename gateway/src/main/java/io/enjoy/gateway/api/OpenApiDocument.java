package io.enjoy.gateway.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /hub/api/openapi.json}: the OpenAPI 3 description of this API, shipped as a
 * class-path resource (a test walks its paths against the running API, so it stays true).
 */
final class OpenApiDocument {
  static final String RESOURCE = "io/enjoy/gateway/api/openapi.json";
  private static final Buffer DOCUMENT = load();

  private OpenApiDocument() {}

  static void serve(RoutingContext rc) {
    rc.response().putHeader("Content-Type", "application/json").end(DOCUMENT);
  }

  private static Buffer load() {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource " + RESOURCE);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
