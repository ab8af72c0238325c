package io.enjoy.worker.web;

import io.enjoy.worker.notebook.Notebook;
import java.util.Map;

/**
 * The HTML of one cell on the notebook page, used for the page itself and for cells the page
 * gets later (inserted, type changed, Markdown rendered), so both look and behave the same.
 * Hooks: {@code div.cell[data-cell-type][data-cell-id]}, code cells {@code textarea.cell-source},
 * {@code button.run-cell}, {@code div.cell-output}; Markdown and raw cells show
 * {@code div.markdown-rendered} or {@code pre.raw-source} and keep their source in
 * {@code textarea.text-source} inside a {@code div.text-editor} that is hidden until the cell is
 * edited. The page puts CodeMirror editors in front of both kinds of textarea.
 */
final class CellHtml {
  private final MarkdownRenderer markdown;

  CellHtml(MarkdownRenderer markdown) {
    this.markdown = markdown;
  }

  String cell(Map<String, Object> cell) {
    String type = Notebook.type(cell);
    String source = Notebook.source(cell);
    boolean editable = Notebook.isEditable(cell);
    StringBuilder html = new StringBuilder("<div class=\"cell").append(editable ? "" : " locked").append("\" data-cell-type=\"")
        .append(Html.esc(type)).append("\" data-cell-id=\"").append(Html.esc(String.valueOf(cell.get("id")))).append("\">");
    if ("code".equals(type)) {
      html.append("<div class=\"prompt\">[ ]:</div><div class=\"cell-body\">")
          .append(textarea("cell-source", source, editable, false))
          .append("<button class=\"run-cell\" type=\"button\" title=\"Run (Shift-Enter)\">Run</button>")
          .append("<div class=\"cell-output\"></div></div>");
    } else {
      html.append(shown(cell)).append("<div class=\"text-editor\" hidden>").append(textarea("text-source", source, editable, true))
          .append("</div>");
    }
    return html.append("</div>").toString();
  }

  /** What a Markdown cell (rendered, raw HTML escaped) or a raw cell (as plain text) shows when not edited. */
  String shown(Map<String, Object> cell) {
    String source = Notebook.source(cell);
    if ("markdown".equals(Notebook.type(cell))) {
      return "<div class=\"markdown-rendered\">" + markdown.render(source, cell.get("attachments") instanceof Map<?, ?> a ? a : null)
          + "</div>";
    }
    return "<pre class=\"raw-source\">" + Html.esc(source) + "</pre>";
  }

  private static String textarea(String cls, String source, boolean editable, boolean prose) {
    return "<textarea class=\"" + cls + "\" spellcheck=\"" + prose + "\" rows=\"" + Math.max(1, source.split("\n", -1).length) + "\""
        + (editable ? "" : " readonly") + ">\n" // the HTML parser drops one leading newline
        + Html.esc(source) + "</textarea>";
  }
}
