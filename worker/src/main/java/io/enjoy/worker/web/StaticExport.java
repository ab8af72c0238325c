package io.enjoy.worker.web;

import io.enjoy.worker.notebook.Notebook;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A notebook as one self-contained HTML file (S4, like {@code nbconvert --to html}): rendered
 * Markdown, code, and the saved outputs — text as text, images inline as data URIs, HTML only
 * inside a sandboxed iframe. Math is typeset by KaTeX, inlined with its fonts so the file works
 * offline; that script is the only one the file's Content-Security-Policy allows (by its hash), so
 * nothing from the notebook can run, and the file is safe to hand in or mail around. (The live
 * page draws new outputs in the browser the same way; see notebook.js.)
 */
final class StaticExport {
  private static final List<String> IMAGE_TYPES = List.of("image/png", "image/jpeg", "image/gif");

  private final MarkdownRenderer markdown;
  private final String css;
  private final String mathScript;
  /** The export's policy: no sources at all except inline styles, data: images and fonts, and the math script. */
  private final String policy;

  StaticExport(MarkdownRenderer markdown) {
    this.markdown = markdown;
    this.css = resource("/io/enjoy/worker/static/notebook.css") + resource("/io/enjoy/worker/export/export.css");
    // A "</script" inside the bundle's strings would end the inline script early; escaped, it is
    // the same string to JavaScript. The hash covers the text as written.
    this.mathScript = resource("/io/enjoy/worker/export/export.js").replaceAll("(?i)</(script)", "<\\\\/$1");
    this.policy = "default-src 'none'; script-src '" + sha256(mathScript) + "'; style-src 'unsafe-inline'; "
        + "font-src data:; img-src data:; frame-src 'self'";
  }

  /** The Content-Security-Policy of the exported file, also sent as the download's header. */
  String policy() {
    return policy;
  }

  String render(String title, Notebook notebook) {
    StringBuilder html = new StringBuilder("<!doctype html>\n<html><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(Html.esc(policy)).append("\"><title>")
        .append(Html.esc(title)).append("</title><style>\n").append(css).append("</style></head>\n<body>\n<main id=\"notebook\">\n");
    for (Map<String, Object> cell : notebook.cells()) {
      String type = Notebook.type(cell);
      String source = Notebook.source(cell);
      html.append("<div class=\"cell\" data-cell-type=\"").append(Html.esc(type)).append("\">");
      switch (type) {
        case "markdown" -> html.append("<div class=\"markdown-rendered\">")
            .append(markdown.render(source, cell.get("attachments") instanceof Map<?, ?> a ? a : null)).append("</div>");
        case "code" -> {
          Object count = cell.get("execution_count");
          html.append("<div class=\"prompt\">[").append(count == null ? " " : Html.esc(count.toString())).append("]:</div>")
              .append("<div class=\"cell-body\"><pre class=\"code\">").append(Html.esc(source)).append("</pre><div class=\"cell-output\">");
          for (Object o : Notebook.outputs(cell)) {
            if (o instanceof Map<?, ?> out) {
              output(html, out);
            }
          }
          html.append("</div></div>");
        }
        default -> html.append("<pre class=\"raw-source\">").append(Html.esc(source)).append("</pre>");
      }
      html.append("</div>\n");
    }
    return html.append("</main>\n<script>").append(mathScript).append("</script>\n</body></html>\n").toString();
  }

  private static void output(StringBuilder html, Map<?, ?> out) {
    switch (String.valueOf(out.get("output_type"))) {
      case "stream" -> html.append("<pre class=\"output-stream ").append(Html.esc(String.valueOf(out.get("name")))).append("\">")
          .append(Html.esc(Notebook.joined(out.get("text")))).append("</pre>");
      case "error" -> {
        List<?> tb = out.get("traceback") instanceof List<?> l ? l : List.of();
        String text = tb.isEmpty() ? out.get("ename") + ": " + out.get("evalue")
            : String.join("\n", tb.stream().map(String::valueOf).toList());
        html.append("<pre class=\"output-error\">").append(Html.esc(stripAnsi(text))).append("</pre>");
      }
      case "execute_result", "display_data" -> bundle(html, out.get("data") instanceof Map<?, ?> d ? d : Map.of());
      default -> { } // unknown output types are kept in the file but not shown
    }
  }

  private static void bundle(StringBuilder html, Map<?, ?> data) {
    String plain = Notebook.joined(data.get("text/plain"));
    if (data.get("image/svg+xml") != null) {
      String svg = Notebook.joined(data.get("image/svg+xml"));
      html.append("<img alt=\"").append(Html.esc(plain)).append("\" src=\"data:image/svg+xml;base64,")
          .append(Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8))).append("\">");
      return;
    }
    for (String type : IMAGE_TYPES) {
      if (data.get(type) != null) {
        html.append("<img alt=\"").append(Html.esc(plain)).append("\" src=\"data:").append(type).append(";base64,")
            .append(Html.esc(Notebook.joined(data.get(type)).replaceAll("\\s", ""))).append("\">");
        return;
      }
    }
    if (data.get("text/html") != null) {
      html.append("<iframe class=\"html-output\" sandbox=\"\" srcdoc=\"").append(Html.esc(Notebook.joined(data.get("text/html"))))
          .append("\"></iframe>");
      return;
    }
    html.append("<pre class=\"output-text\">").append(Html.esc(plain)).append("</pre>");
  }

  private static String stripAnsi(String s) {
    return s.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "");
  }

  private static String sha256(String script) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = StaticExport.class.getResourceAsStream(name)) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
