package io.enjoy.gateway.pages;

import static io.enjoy.gateway.http.Html.escape;

import io.enjoy.gateway.auth.HubSession;
import io.enjoy.gateway.auth.LoginRequired;
import io.enjoy.gateway.auth.Xsrf;
import io.enjoy.gateway.http.Audit;
import io.enjoy.gateway.http.PageLayout;
import io.enjoy.gateway.http.ShownError;
import io.enjoy.gateway.state.TokenRecord;
import io.enjoy.gateway.state.TokenService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /hub/token}: the user's own API tokens — request one with a note and an expiry (shown
 * once, in the answer to that POST, never in a URL), list them, revoke one. Tokens made here
 * carry the user's own rights; narrower scopes can be asked for through the REST API.
 * DOM ids for tests: {@code #token-note}, {@code #token-expires}, {@code button#request-token},
 * {@code #new-token}, {@code table#token-list}.
 */
final class TokenPage {
  private static final int MAX_NOTE = 200;
  /** Offered lifetimes, label → seconds (0 = never). */
  private static final Map<String, Long> EXPIRIES = new LinkedHashMap<>();

  static {
    EXPIRIES.put("1 hour", 3600L);
    EXPIRIES.put("1 day", 86400L);
    EXPIRIES.put("1 week", 7 * 86400L);
    EXPIRIES.put("30 days", 30 * 86400L);
    EXPIRIES.put("Never", 0L);
  }

  private final PageLayout layout;
  private final TokenService tokens;

  TokenPage(PageLayout layout, TokenService tokens) {
    this.layout = layout;
    this.tokens = tokens;
  }

  void mount(Router router) {
    router.get("/hub/token").handler(LoginRequired::handle).handler(rc -> render(rc, null));
    router.post("/hub/token").handler(LoginRequired::handle).handler(this::create);
    router.post("/hub/token/revoke").handler(LoginRequired::handle).handler(this::revoke);
  }

  private void create(RoutingContext rc) {
    String user = HubSession.userName(rc);
    String note = Forms.field(rc, "note");
    if (note.length() > MAX_NOTE) {
      rc.fail(new ShownError(400, "The note is longer than " + MAX_NOTE + " characters."));
      return;
    }
    Long seconds = parseExpiry(Forms.field(rc, "expires_in"));
    if (seconds == null) {
      rc.fail(new ShownError(400, "Choose one of the offered expiry times."));
      return;
    }
    tokens.issue(user, note.isEmpty() ? "Requested via token page" : note, Duration.ofSeconds(seconds), List.of())
        .onFailure(rc::fail)
        .onSuccess(issued -> {
          Audit.event("token.create", user, issued.record().publicId(), "created");
          render(rc, issued.token());
        });
  }

  private static Long parseExpiry(String value) {
    try {
      long seconds = Long.parseLong(value);
      return EXPIRIES.containsValue(seconds) ? seconds : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void revoke(RoutingContext rc) {
    String user = HubSession.userName(rc);
    String id = Forms.field(rc, "token_id");
    long number;
    try {
      number = Long.parseLong(id.startsWith("a") ? id.substring(1) : "x");
    } catch (NumberFormatException e) {
      rc.fail(new ShownError(400, "That is not a token id."));
      return;
    }
    tokens.revoke(user, number).onFailure(rc::fail).onSuccess(revoked -> {
      if (!revoked) {
        rc.fail(new ShownError(404, "You have no token " + id + "."));
        return;
      }
      Audit.event("token.revoke", user, id, "revoked");
      Forms.redirect(rc, 303, "/hub/token");
    });
  }

  private void render(RoutingContext rc, String newToken) {
    String user = HubSession.userName(rc);
    String xsrf = Xsrf.token(rc);
    tokens.list(user).onFailure(rc::fail).onSuccess(list -> {
      StringBuilder body = new StringBuilder();
      if (newToken != null) {
        body.append("<section id=\"new-token-section\" role=\"status\" aria-labelledby=\"new-token-heading\">\n")
            .append("<h2 id=\"new-token-heading\">Your new API token</h2>\n")
            .append("<p>Copy it now: it is shown only this once. Send it as <code>Authorization: token …</code>.</p>\n")
            .append("<p><code id=\"new-token\">").append(escape(newToken)).append("</code></p>\n</section>\n");
      }
      body.append("<section aria-labelledby=\"request-heading\">\n<h2 id=\"request-heading\">Request a new API token</h2>\n")
          .append("<form method=\"post\" action=\"/hub/token\">").append(Forms.xsrfField(xsrf))
          .append("<p><label for=\"token-note\">Note (what the token is for)</label><br>")
          .append("<input id=\"token-note\" name=\"note\" maxlength=\"").append(MAX_NOTE).append("\"></p>\n")
          .append("<p><label for=\"token-expires\">Expires after</label><br><select id=\"token-expires\" name=\"expires_in\">");
      EXPIRIES.forEach((label, seconds) -> body.append("<option value=\"").append(seconds).append("\"")
          .append(seconds == 86400L ? " selected" : "").append(">").append(label).append("</option>"));
      body.append("</select></p>\n<p><button type=\"submit\" id=\"request-token\">Request new API token</button></p></form>\n</section>\n");
      tokenTable(body, list, xsrf);
      layout.send(rc.response(), 200, "API tokens", user, xsrf, body.toString(), 0);
    });
  }

  private static void tokenTable(StringBuilder body, List<TokenRecord> list, String xsrf) {
    body.append("<section aria-labelledby=\"tokens-heading\">\n<h2 id=\"tokens-heading\">Your API tokens</h2>\n");
    if (list.isEmpty()) {
      body.append("<p id=\"no-tokens\">You have no API tokens.</p>\n</section>");
      return;
    }
    body.append("<table id=\"token-list\"><caption class=\"muted\">Newest first; the tokens themselves are never shown again.</caption>\n")
        .append("<thead><tr><th scope=\"col\">Note</th><th scope=\"col\">Created</th><th scope=\"col\">Expires</th>")
        .append("<th scope=\"col\">Last used</th><th scope=\"col\"><span class=\"muted\">Action</span></th></tr></thead>\n<tbody>\n");
    for (TokenRecord token : list) {
      String note = token.serverName() != null ? "Server " + (token.serverName().isEmpty() ? "(default)" : token.serverName())
          : token.note() == null ? "" : token.note();
      body.append("<tr id=\"token-").append(token.publicId()).append("\"><td>").append(escape(note)).append("</td><td>")
          .append(escape(Forms.text(token.created()))).append("</td><td>").append(escape(Forms.text(token.expires())))
          .append("</td><td>").append(escape(Forms.text(token.lastActivity()))).append("</td><td>")
          .append(Forms.button("/hub/token/revoke", xsrf, null, "Revoke", "Revoke token " + note, Forms.fields("token_id", token.publicId())))
          .append("</td></tr>\n");
    }
    body.append("</tbody></table>\n</section>");
  }
}
