// Third-party pieces of the notebook page, bundled by esbuild at build time (mvn package):
// CodeMirror 6 as the editor of every cell (Java for code cells, Markdown for Markdown cells, plain
// text for raw cells) and KaTeX for math in Markdown cells. notebook.js uses
// them through window.EnjoyEditor and keeps working with plain textareas if this bundle is absent.
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab, toggleComment } from '@codemirror/commands';
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { java } from '@codemirror/lang-java';
import { markdown } from '@codemirror/lang-markdown';
import { renderMath } from './math.js';

/**
 * What each kind of cell is edited as: Java with line numbers, Markdown and raw text wrapped; a
 * plain text file (the file editor) with line numbers and no language.
 */
function languageOf(kind) {
  if (kind === 'markdown') { return [markdown(), EditorView.lineWrapping]; }
  if (kind === 'raw') { return [EditorView.lineWrapping]; }
  if (kind === 'text') { return [lineNumbers()]; }
  return [lineNumbers(), java()];
}

/**
 * Puts a CodeMirror editor in front of a cell's textarea (kind: 'code', 'markdown', 'raw' or 'text'). The textarea stays the source of
 * truth that the rest of the page (and tests) read and write: editor changes are copied into it
 * (with an input event), and input events on it are copied into the editor.
 * keys(event) is asked first for every key; it returns true when the page handled the key.
 */
function attach(textarea, keys, kind) {
  let syncing = false;
  const view = new EditorView({
    parent: textarea.parentNode,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        languageOf(kind),
        history(),
        drawSelection(),
        highlightActiveLine(),
        indentOnInput(),
        bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        EditorState.tabSize.of(4),
        indentUnit.of('    '), // Java style, as the textarea editor indented
        EditorState.readOnly.of(textarea.readOnly),
        EditorView.editable.of(!textarea.readOnly),
        // The page's keys come first, before any language keymap (Markdown binds Enter).
        Prec.highest(EditorView.domEventHandlers({ keydown: (e) => keys(e) === true })),
        keymap.of([{ key: 'Mod-/', run: toggleComment }, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged || syncing) { return; }
          textarea.value = u.state.doc.toString();
          syncing = true;
          try { textarea.dispatchEvent(new Event('input')); } finally { syncing = false; }
        }),
      ],
    }),
  });
  textarea.parentNode.insertBefore(view.dom, textarea);
  textarea.classList.add('behind-editor');
  textarea.addEventListener('input', () => {
    if (syncing) { return; }
    const text = textarea.value;
    if (text === view.state.doc.toString()) { return; }
    syncing = true;
    try {
      const cursor = Math.min(textarea.selectionEnd, text.length);
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: cursor } });
    } finally { syncing = false; }
  });
  return {
    view: view,
    focus: () => view.focus(),
    cursor: () => view.state.selection.main.head,
  };
}

window.EnjoyEditor = { attach: attach, renderMath: renderMath };
