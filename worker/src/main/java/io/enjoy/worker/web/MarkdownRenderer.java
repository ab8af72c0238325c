package io.enjoy.worker.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders a Markdown cell to HTML on the server. Raw HTML in the cell is escaped and unsafe URLs
 * are dropped, so a notebook file can never run script in the page. Math ($…$, $$…$$, \(…\),
 * \[…\]) is cut out before Markdown parsing (so "_" inside it is not emphasis) and put back as
 * escaped text in {@code span.math}. Images named {@code attachment:<name>} show the cell's
 * attachment as a data URI.
 */
final class MarkdownRenderer {
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Pattern MATH = Pattern.compile(
      "\\$\\$[\\s\\S]+?\\$\\$|\\\\\\[[\\s\\S]+?\\\\\\]|\\\\\\([\\s\\S]+?\\\\\\)|(?<![\\\\$])\\$[^$\\n]+?\\$");
  private static final Pattern TOKEN = Pattern.compile("ENJOYMATH(\\d+)X");
  private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/svg+xml");

  private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();

  String render(String markdown, Map<?, ?> attachments) {
    List<String> maths = new ArrayList<>();
    Matcher m = MATH.matcher(markdown);
    StringBuilder protectedText = new StringBuilder();
    while (m.find()) {
      maths.add(m.group());
      m.appendReplacement(protectedText, "ENJOYMATH" + (maths.size() - 1) + "X");
    }
    m.appendTail(protectedText);
    HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true)
        .attributeProviderFactory(context -> (node, tagName, attributes) -> {
          if (node instanceof Image image && image.getDestination().startsWith("attachment:")) {
            attributes.put("src", attachmentUri(attachments, image.getDestination().substring("attachment:".length())));
          }
        }).build();
    String html = renderer.render(parser.parse(protectedText.toString()));
    Matcher t = TOKEN.matcher(html);
    StringBuilder out = new StringBuilder();
    while (t.find()) {
      int i = Integer.parseInt(t.group(1));
      String math = i < maths.size() ? maths.get(i) : t.group();
      t.appendReplacement(out, Matcher.quoteReplacement("<span class=\"math\">" + Html.esc(math) + "</span>"));
    }
    t.appendTail(out);
    return out.toString();
  }

  private static String attachmentUri(Map<?, ?> attachments, String name) {
    if (attachments != null && attachments.get(name) instanceof Map<?, ?> bundle) {
      for (String type : IMAGE_TYPES) {
        Object data = bundle.get(type);
        if (data != null) {
          String text = data instanceof List<?> l ? String.join("", l.stream().map(String::valueOf).toList()) : String.valueOf(data);
          if (type.equals("image/svg+xml")) {
            text = java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
          return "data:" + type + ";base64," + text.replaceAll("\\s", "");
        }
      }
    }
    return "";
  }
}
