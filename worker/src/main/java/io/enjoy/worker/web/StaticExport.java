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
  private final String mathCss;
  private final String mathScript;
  private final String mathPolicy;

  StaticExport(MarkdownRenderer markdown) {
    this.markdown = markdown;
    this.css = resource("/io/enjoy/worker/static/notebook.css");
    this.mathCss = resource("/io/enjoy/worker/export/export.css");
    // A "</script" inside the bundle's strings would end the inline script early; escaped, it is
    // the same string to JavaScript. The hash covers the text as written.
    this.mathScript = resource("/io/enjoy/worker/export/export.js").replaceAll("(?i)</(script)", "<\\\\/$1");
    this.mathPolicy = policy("'" + sha256(mathScript) + "'");
  }

  /**
   * An exported notebook and its Content-Security-Policy (in the file as a meta tag, and sent as
   * the download's header): nothing but inline styles, data: images and fonts, and, when the
   * notebook has math, KaTeX's script and styles (about 640 KB, so only then).
   */
  record Exported(String html, String policy) {}

  Exported render(String title, Notebook notebook) {
    StringBuilder cells = new StringBuilder();
    boolean math = false;
    for (Map<String, Object> cell : notebook.cells()) {
      String type = Notebook.type(cell);
      String source = Notebook.source(cell);
      cells.append("<div class=\"cell\" data-cell-type=\"").append(Html.esc(type)).append("\">");
      switch (type) {
        case "markdown" -> {
          String rendered = markdown.render(source, cell.get("attachments") instanceof Map<?, ?> a ? a : null);
          math |= rendered.contains("<span class=\"math\">");
          cells.append("<div class=\"markdown-rendered\">").append(rendered).append("</div>");
        }
        case "code" -> {
          Object count = cell.get("execution_count");
          cells.append("<div class=\"prompt\">[").append(count == null ? " " : Html.esc(count.toString())).append("]:</div>")
              .append("<div class=\"cell-body\"><pre class=\"code\">").append(Html.esc(source)).append("</pre><div class=\"cell-output\">");
          for (Object o : Notebook.outputs(cell)) {
            if (o instanceof Map<?, ?> out) {
              output(cells, out);
            }
          }
          cells.append("</div></div>");
        }
        default -> cells.append("<pre class=\"raw-source\">").append(Html.esc(source)).append("</pre>");
      }
      cells.append("</div>\n");
    }
    String policy = math ? mathPolicy : policy("'none'");
    String html = "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + Html.esc(policy) + "\"><title>" + Html.esc(title)
        + "</title><style>\n" + css + (math ? mathCss : "") + "</style></head>\n<body>\n<main id=\"notebook\">\n" + cells
        + "</main>\n" + (math ? "<script>" + mathScript + "</script>\n" : "") + "</body></html>\n";
    return new Exported(html, policy);
  }

  private static String policy(String scripts) {
    return "default-src 'none'; script-src " + scripts + "; style-src 'unsafe-inline'; font-src data:; img-src data:; frame-src 'self'";
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
