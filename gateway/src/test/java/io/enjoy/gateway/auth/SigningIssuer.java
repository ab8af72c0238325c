package io.enjoy.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal OIDC issuer for tests that need tokens a real provider will not produce (wrong
 * audience, {@code alg: none}, foreign keys): real HTTP discovery, a real JWKS endpoint with an
 * RSA key, and a token endpoint answering with whatever the test put into {@link #tokenResponse}.
 * Tokens are signed here with the JDK's own RSA and HMAC, so every signature trick is explicit.
 */
final class SigningIssuer implements AutoCloseable {
  static final String KID = "issuer-key-1";
  private final KeyPair key = rsa();
  /** Not published in the JWKS: signatures by it must be refused. */
  final KeyPair foreignKey = rsa();
  private HttpServer server;
  /** What the token endpoint answers next (the test sets it after reading the login's nonce). */
  volatile JsonObject tokenResponse = new JsonObject();
  /** Form bodies the token endpoint received. */
  final List<JsonObject> tokenRequests = new CopyOnWriteArrayList<>();
  /** Non-null: the discovery document states this issuer instead of its own URL. */
  volatile String statedIssuer;

  SigningIssuer start(Vertx vertx) throws Exception {
    Router router = Router.router(vertx);
    router.get("/.well-known/openid-configuration").handler(rc -> rc.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject()
            .put("issuer", statedIssuer != null ? statedIssuer : issuer())
            .put("authorization_endpoint", issuer() + "/authorize")
            .put("token_endpoint", issuer() + "/token")
            .put("jwks_uri", issuer() + "/jwks")
            .put("end_session_endpoint", issuer() + "/logout")
            .put("response_types_supported", new JsonArray().add("code"))
            .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256"))
            .encode()));
    router.get("/jwks").handler(rc -> rc.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("keys", new JsonArray().add(publicJwk())).encode()));
    router.post("/token").handler(BodyHandler.create()).handler(rc -> {
      JsonObject form = new JsonObject();
      rc.request().formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
      tokenRequests.add(form);
      rc.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(tokenResponse.encode());
    });
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    return this;
  }

  KeyPair publishedKey() {
    return key;
  }

  String issuer() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** RS256 with the published key. */
  String sign(JsonObject claims) {
    return signRsa(new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", KID), claims, key);
  }

  /** RS256 with an arbitrary header and key. */
  String signRsa(JsonObject header, JsonObject claims, KeyPair with) {
    String input = b64(header.encode()) + "." + b64(claims.encode());
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(with.getPrivate());
      rsa.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code alg: none}, no signature. */
  String unsigned(JsonObject claims) {
    return b64(new JsonObject().put("alg", "none").put("typ", "JWT").encode()) + "." + b64(claims.encode()) + ".";
  }

  /** The key-confusion attack: HS256 with the issuer's public key (as its encoded bytes) as the HMAC secret. */
  String hmacWithPublicKey(JsonObject claims) {
    String input = b64(new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", KID).encode()) + "." + b64(claims.encode());
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getPublic().getEncoded(), "HmacSHA256"));
      return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonObject publicJwk() {
    RSAPublicKey pub = (RSAPublicKey) key.getPublic();
    return new JsonObject().put("kty", "RSA").put("kid", KID).put("use", "sig").put("alg", "RS256")
        .put("n", unsigned(pub.getModulus())).put("e", unsigned(pub.getPublicExponent()));
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    byte[] trimmed = java.util.Arrays.copyOfRange(bytes, skip, bytes.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(trimmed);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }
}
