package io.enjoy.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientSession;
import java.net.URI;
import java.net.URLDecoder;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
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
  /** The token endpoint's status: 400 with an {@code invalid_grant} body plays a refresh token the issuer revoked. */
  volatile int tokenStatus = 200;
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
      JsonObject body = tokenStatus == 200 ? tokenResponse
          : new JsonObject().put("error", "invalid_grant").put("error_description", "Token is not active");
      rc.response().setStatusCode(tokenStatus).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
          .end(body.encode());
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

  /**
   * A gateway started against a fresh issuer of this kind, with an HTTPS client that trusts the
   * gateway's certificate and follows no redirects; closing it stops everything.
   */
  record Hub(Vertx vertx, SigningIssuer issuer, io.enjoy.gateway.GatewayVerticle gateway, WebClient client) implements AutoCloseable {

    /** Embedded PostgreSQL under {@code dataDir}; the gateway's OIDC issuer is the new {@link SigningIssuer}. */
    static Hub start(java.nio.file.Path dataDir, io.enjoy.conf.EnjoyConfig.Auth auth, String clientId, java.time.Duration recheck)
        throws Exception {
      Vertx vertx = Vertx.vertx();
      SigningIssuer issuer = new SigningIssuer().start(vertx);
      io.enjoy.conf.EnjoyConfig base = io.enjoy.gateway.testing.TestConfigs.embedded(dataDir, List.of(), List.of());
      io.enjoy.conf.EnjoyConfig config = new io.enjoy.conf.EnjoyConfig(base.roles(), base.dataDir(), base.gateway(), base.database(), auth,
          new io.enjoy.conf.EnjoyConfig.Oidc(issuer.issuer(), clientId, "client-secret", "preferred_username", List.of("openid"),
              new io.enjoy.conf.EnjoyConfig.DevProvider(false, "127.0.0.1", 0), "groups", recheck, true),
          base.spawner(), base.culler());
      io.enjoy.gateway.GatewayVerticle gateway = new io.enjoy.gateway.GatewayVerticle(config);
      await(vertx.deployVerticle(gateway));
      WebClient client = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions().setSsl(true).setFollowRedirects(false)
          .setTrustOptions(new io.vertx.core.net.PemTrustOptions().addCertPath(gateway.tls().certPath().toString())));
      return new Hub(vertx, issuer, gateway, client);
    }

    @Override
    public void close() {
      await(vertx.close());
    }
  }

  /** A browser login through the gateway whose token endpoint answers with {@code idToken.apply(nonce)}. */
  record Login(HttpResponse<Buffer> callback, WebClientSession browser) {}

  Login logIn(WebClient client, String hubUrl, Function<String, String> idToken) {
    WebClientSession browser = WebClientSession.create(client);
    HttpResponse<Buffer> start = await(browser.getAbs(hubUrl + "/hub/oauth_login").send());
    Map<String, String> query = query(start.getHeader("Location"));
    tokenStatus = 200;
    tokenResponse = tokens(idToken.apply(query.get("nonce")), "refresh-" + query.get("state"));
    HttpResponse<Buffer> callback = await(browser.getAbs(hubUrl + "/hub/oauth_callback?code=c1&state=" + query.get("state")).send());
    return new Login(callback, browser);
  }

  /** A token endpoint answer carrying these ID and refresh tokens. */
  static JsonObject tokens(String idToken, String refreshToken) {
    return new JsonObject().put("access_token", "opaque-access").put("token_type", "Bearer").put("expires_in", 300)
        .put("refresh_token", refreshToken).put("id_token", idToken);
  }

  /** Claims of a sound ID token of this issuer for {@code user} (subject {@code sub-<user>}, sid {@code idp-session-<user>}). */
  JsonObject claims(String clientId, String nonce, String user) {
    long now = System.currentTimeMillis() / 1000;
    JsonObject claims = new JsonObject().put("iss", issuer()).put("aud", clientId).put("sub", "sub-" + user).put("preferred_username", user)
        .put("iat", now).put("exp", now + 300).put("sid", "idp-session-" + user);
    return nonce == null ? claims : claims.put("nonce", nonce);
  }

  private static Map<String, String> query(String url) {
    Map<String, String> out = new HashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }
}
