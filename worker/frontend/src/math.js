// Math in Markdown cells: the server leaves each formula as escaped TeX with its delimiters in a
// span.math (so the Markdown parser never saw it); KaTeX typesets it here. Used by the notebook
// page (editor.js) and by the static HTML export (export.js).
import katex from 'katex';

const DELIMITERS = [['$$', '$$', true], ['\\[', '\\]', true], ['\\(', '\\)', false], ['$', '$', false]];

/** Typesets every span.math the server left (escaped TeX with its delimiters) under root. */
export function renderMath(root) {
  root.querySelectorAll('span.math:not([data-typeset])').forEach((span) => {
    const tex = span.textContent;
    const d = DELIMITERS.find(([open, close]) => tex.startsWith(open) && tex.endsWith(close) && tex.length >= open.length + close.length);
    if (!d) { return; }
    try {
      span.innerHTML = katex.renderToString(tex.slice(d[0].length, tex.length - d[1].length),
        { displayMode: d[2], throwOnError: false, trust: false });
      span.dataset.typeset = 'true';
    } catch (e) {
      span.title = String(e.message || e); // leave the TeX visible
    }
  });
}
