// EnJoY notebook page: a view of the server-side notebook. The server owns the document and the
// kernel; this script sends edits and run requests over one WebSocket and draws the events.
// Outputs are drawn by outputs.js (never executing anything from a notebook file).
(function () {
  'use strict';
  const body = document.body;
  const prefix = body.dataset.prefix;
  const path = body.dataset.path;
  if (!prefix || !path) {
    return; // file browser and error pages need no script
  }
  const statusEl = document.getElementById('kernel-status');
  const messageEl = document.getElementById('kernel-message');
  const saveStatusEl = document.getElementById('save-status');
  let ws = null;
  let retry = 500;

  function cellEl(id) {
    return document.querySelector('div.cell[data-cell-id="' + CSS.escape(id) + '"]');
  }
  function codeCells() {
    return Array.from(document.querySelectorAll('div.cell[data-cell-type="code"]'));
  }
  function setPrompt(cell, text) {
    const p = cell && cell.querySelector('.prompt');
    if (p) {
      p.textContent = '[' + text + ']:';
      cell.dataset.count = /^[0-9]+$/.test(String(text)) ? String(text) : '';
    }
  }
  // A cell that was queued but did not run (an error above, an interrupt, a dead kernel) says so,
  // instead of a [*] that would wait forever.
  function setNote(cell, text) {
    if (!cell) { return; }
    let note = cell.querySelector('.cell-note');
    if (!text) { if (note) { note.remove(); } return; }
    if (!note) {
      note = document.createElement('div');
      note.className = 'cell-note';
      const out = cell.querySelector('div.cell-output');
      if (out) { out.before(note); } else { cell.append(note); }
    }
    note.textContent = text;
  }
  // S6: a cell that ran before a cell above it is marked, since the notebook would not give the
  // same results top to bottom.
  function markOrder() {
    let highest = 0;
    for (const cell of codeCells()) {
      const n = parseInt(cell.dataset.count || '', 10);
      cell.classList.toggle('out-of-order', !isNaN(n) && n < highest);
      if (!isNaN(n)) { highest = Math.max(highest, n); }
    }
  }
  function send(msg) {
    if (ws && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify(msg));
      return true;
    }
    messageEl.textContent = 'Not connected to the notebook server; retrying…';
    return false;
  }

  const appendOutput = window.EnjoyOutputs.append;
  const clearOutput = window.EnjoyOutputs.clear;

  // Kernel memory after the last cell; past 80 % of the heap a restart is suggested (JShell keeps
  // old snippets' classes, so re-running big cells fills the heap).
  function showHeap(heap) {
    const el = document.getElementById('kernel-memory');
    if (!heap || !heap.max) { return; }
    const share = heap.used / heap.max;
    el.textContent = 'Memory: ' + Math.round(heap.used / 1048576) + ' of ' + Math.round(heap.max / 1048576) + ' MB'
      + (share > 0.8 ? ' — nearly full: restart the kernel' : '');
    el.classList.toggle('memory-high', share > 0.8);
  }

  function handle(ev) {
    const cell = ev.cellId ? cellEl(ev.cellId) : null;
    switch (ev.type) {
      case 'snapshot':
        statusEl.textContent = ev.status;
        messageEl.textContent = ev.kernelMessage || '';
        for (const c of ev.cells) {
          const el = cellEl(c.cellId);
          if (!el) { continue; }
          clearOutput(el);
          c.outputs.forEach((o) => appendOutput(el, o));
          setPrompt(el, c.state === 'done' ? (c.executionCount == null ? ' ' : c.executionCount) : '*');
        }
        markOrder();
        if (ev.saveProblem) { saveStatusEl.textContent = 'Not saved: ' + ev.saveProblem; }
        break;
      case 'status':
        statusEl.textContent = ev.status;
        break;
      case 'queued':
        setNote(cell, null);
        setPrompt(cell, '*');
        break;
      case 'started':
        setNote(cell, null);
        clearOutput(cell);
        setPrompt(cell, '*');
        break;
      case 'output':
        if (cell) { appendOutput(cell, ev.output); }
        break;
      case 'finished':
        setPrompt(cell, ev.executionCount == null ? ' ' : ev.executionCount);
        markOrder();
        showHeap(ev.heap);
        break;
      case 'cleared':
        clearOutput(cell);
        setPrompt(cell, ' ');
        markOrder();
        break;
      case 'aborted':
        setPrompt(cell, ' ');
        setNote(cell, 'Not run: ' + ev.reason);
        break;
      case 'kernel':
        messageEl.textContent = ev.message;
        break;
      case 'saved':
        saveStatusEl.textContent = 'Saved ' + new Date(ev.at).toLocaleTimeString();
        break;
      case 'save-failed':
        saveStatusEl.textContent = 'Not saved: ' + ev.message;
        if (/changed on disk/.test(ev.message)) { offerConflictChoice(); }
        break;
      case 'error':
        messageEl.textContent = ev.message;
        break;
      case 'completion':
        showCompletions(ev);
        break;
      case 'rendered':
        showRendered(ev);
        break;
      case 'retyped':
        onRetyped(ev);
        break;
      case 'checkpointed':
        saveStatusEl.textContent = 'Checkpoint saved ' + new Date(ev.at).toLocaleTimeString();
        break;
      case 'reverted':
        location.reload();
        break;
      case 'inserted':
      case 'deleted':
      case 'moved':
        onStructure(ev);
        break;
    }
  }

  // The file changed on disk (another editor, git): the student chooses which version wins.
  function offerConflictChoice() {
    if (document.getElementById('keep-mine')) { return; }
    const mine = document.createElement('button');
    mine.id = 'keep-mine';
    mine.type = 'button';
    mine.textContent = 'Keep my version';
    const theirs = document.createElement('button');
    theirs.id = 'load-disk-version';
    theirs.type = 'button';
    theirs.textContent = 'Load the version on disk';
    const done = () => { mine.remove(); theirs.remove(); };
    mine.addEventListener('click', () => { send({ type: 'save', overwrite: true, sources: {} }); done(); });
    theirs.addEventListener('click', () => { send({ type: 'reload' }); done(); });
    saveStatusEl.after(mine, theirs);
  }

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    ws = new WebSocket(scheme + location.host + prefix + 'api/kernels/ws?path=' + encodeURIComponent(path));
    ws.onopen = () => { retry = 500; messageEl.textContent = ''; };
    ws.onmessage = (m) => handle(JSON.parse(m.data));
    ws.onclose = () => {
      statusEl.textContent = 'disconnected';
      messageEl.textContent = 'Connection to the notebook server lost; reconnecting…';
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10000);
    };
  }

  function runCell(cell) {
    const src = cell.querySelector('textarea.cell-source');
    if (send({ type: 'execute', cellId: cell.dataset.cellId, source: src.value })) {
      setPrompt(cell, '*');
      cell.classList.remove('stale');
    }
  }
  // CodeMirror editors (vendor/editor.js) in front of the code cells' textareas, which stay the
  // source of truth; without the bundle the textareas are the editors.
  const editors = new WeakMap();
  const EnjoyEditor = window.EnjoyEditor;
  function focusCell(cell) {
    const ta = cell && cell.querySelector('textarea.cell-source');
    if (ta && editors.has(ta)) { editors.get(ta).focus(); } else if (ta) { ta.focus(); }
  }
  function typesetMath(root) {
    if (EnjoyEditor) { EnjoyEditor.renderMath(root); }
  }
  function autoSize(ta) {
    ta.rows = Math.max(1, ta.value.split('\n').length);
  }
  let selected = null;      // the cell the toolbar's cell actions and command-mode keys apply to
  function select(cell) {
    document.querySelectorAll('div.cell.selected').forEach((c) => c.classList.remove('selected'));
    selected = cell;
    if (cell) {
      cell.classList.add('selected');
      if (!cell.contains(document.activeElement)) { cell.tabIndex = -1; cell.focus({ preventScroll: false }); }
    }
  }
  let pendingFocus = null;  // focus the next inserted cell (Shift-Enter at the end, Alt-Enter)
  const editTimers = new Map();

  // Edits reach the server after a short pause; the server autosaves them, so closing the tab
  // does not lose typed code.
  function scheduleEdit(cell, ta) {
    clearTimeout(editTimers.get(ta));
    editTimers.set(ta, setTimeout(() => send({ type: 'edit', cellId: cell.dataset.cellId, source: ta.value }), 800));
  }

  const completion = window.EnjoyCompletion.create(send);
  const requestCompletion = completion.request;
  const hideCompletions = completion.hide;
  const showCompletions = completion.show;

  function wireCodeCell(cell) {
    const ta = cell.querySelector('textarea.cell-source');
    cell.querySelector('button.run-cell').addEventListener('click', () => runCell(cell));
    ta.addEventListener('blur', () => setTimeout(hideCompletions, 200));
    ta.addEventListener('input', () => {
      autoSize(ta);
      cell.classList.add('stale');
      saveStatusEl.textContent = 'Unsaved changes';
      scheduleEdit(cell, ta);
    });
    ta.addEventListener('keydown', (e) => codeCellKey(cell, ta, e, null));
    if (EnjoyEditor) {
      const editor = EnjoyEditor.attach(ta, (e) => codeCellKey(cell, ta, e, editor), 'code');
      editors.set(ta, editor);
    }
  }

  // Keys of a code cell in edit mode, typed in the textarea or in its CodeMirror editor (then
  // editor is set and keys not handled here are CodeMirror's). Returns true when handled.
  function codeCellKey(cell, ta, e, editor) {
      if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey) {
        const cursor = editor ? editor.cursor() : ta.selectionStart;
        const before = ta.value.slice(0, cursor);
        if (/(^|\s)$/.test(before)) {
          if (editor) { return false; } // CodeMirror indents
          e.preventDefault();
          ta.setRangeText('    ', ta.selectionStart, ta.selectionEnd, 'end');
          ta.dispatchEvent(new Event('input'));
        } else {
          e.preventDefault();
          if (editor) { ta.setSelectionRange(cursor, cursor); }
          requestCompletion(cell, ta);
        }
        return true;
      }
      if (e.key === 'Escape') {
        hideCompletions();
        if (editor) { editor.view.contentDOM.blur(); } else { ta.blur(); }
        select(cell); // command mode, as in Jupyter
        return true;
      }
      if (e.key !== 'Enter' || !(e.shiftKey || e.ctrlKey || e.altKey)) { return false; }
      e.preventDefault();
      runCell(cell);
      if (e.altKey) {
        pendingFocus = true;
        send({ type: 'insert', afterId: cell.dataset.cellId, cellType: 'code' });
      } else if (e.shiftKey) {
        const cells = codeCells();
        const next = cells[cells.indexOf(cell) + 1];
        if (next) {
          focusCell(next);
        } else {
          pendingFocus = true; // Jupyter adds a cell at the end
          send({ type: 'insert', afterId: cell.dataset.cellId, cellType: 'code' });
        }
      }
      return true;
  }

  // Markdown and raw cells: double-click (or Enter in command mode) shows the source in an editor
  // (CodeMirror, Markdown mode for Markdown); Shift-Enter or Ctrl-Enter sends it and shows the
  // server's rendering (raw HTML in Markdown stays text).
  function editText(cell) {
    const ta = cell.querySelector('textarea.text-source');
    if (!ta || ta.readOnly) { return; }
    cell.querySelector('.text-editor').hidden = false;
    autoSize(ta);
    const shown = cell.querySelector('.markdown-rendered, pre.raw-source');
    if (shown) { shown.hidden = true; }
    if (editors.has(ta)) { editors.get(ta).focus(); } else { ta.focus(); }
  }
  function wireTextCell(cell) {
    const ta = cell.querySelector('textarea.text-source');
    if (!ta) { return; }
    cell.addEventListener('dblclick', () => editText(cell));
    ta.addEventListener('input', () => {
      autoSize(ta);
      saveStatusEl.textContent = 'Unsaved changes';
      scheduleEdit(cell, ta);
    });
    ta.addEventListener('keydown', (e) => textCellKey(cell, ta, e, null));
    if (EnjoyEditor) {
      const editor = EnjoyEditor.attach(ta, (e) => textCellKey(cell, ta, e, editor), cell.dataset.cellType);
      editors.set(ta, editor);
    }
  }
  // Keys of a Markdown or raw cell in edit mode (textarea or its editor); true when handled.
  function textCellKey(cell, ta, e, editor) {
    if (e.key === 'Escape') {
      if (editor) { editor.view.contentDOM.blur(); } else { ta.blur(); }
      select(cell);
      return true;
    }
    if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey)) {
      e.preventDefault();
      clearTimeout(editTimers.get(ta));
      send({ type: 'render', cellId: cell.dataset.cellId, source: ta.value });
      return true;
    }
    return false;
  }
  function showRendered(ev) {
    const cell = cellEl(ev.cellId);
    if (!cell) { return; }
    const rendered = fromHtml(ev.html); // rendered and escaped by the server: no script from the cell survives
    const shown = cell.querySelector('.markdown-rendered, pre.raw-source');
    if (shown) { shown.replaceWith(rendered); } else { cell.prepend(rendered); }
    typesetMath(rendered);
    cell.querySelector('.text-editor').hidden = true;
    select(cell);
  }

  // Cells the server sends as HTML (inserted, type changed, rendered): one element, wired as the
  // page's own cells are.
  function fromHtml(html) {
    const holder = document.createElement('div');
    holder.innerHTML = html;
    return holder.firstElementChild;
  }
  function wireCell(cell) {
    if (cell.dataset.cellType === 'code') { wireCodeCell(cell); } else { wireTextCell(cell); }
    typesetMath(cell);
    cell.addEventListener('focusin', () => { select(cell); });
    cell.addEventListener('click', () => { if (!cell.contains(document.activeElement)) { select(cell); } });
  }
  function onRetyped(ev) {
    const old = cellEl(ev.cellId);
    if (!old || !ev.html) { location.reload(); return; }
    const cell = fromHtml(ev.html);
    old.replaceWith(cell);
    wireCell(cell);
    markOrder();
    if (selected === old || !selected) { select(cell); } // the student goes on from the same cell, as in Jupyter
  }

  function onStructure(ev) {
    const main = document.getElementById('notebook');
    if (ev.type === 'inserted') {
      if (!ev.html) { location.reload(); return; }
      const cell = fromHtml(ev.html);
      const after = ev.afterId ? cellEl(ev.afterId) : null;
      if (after) { after.after(cell); } else { main.prepend(cell); }
      wireCell(cell);
      (ev.outputs || []).forEach((o) => appendOutput(cell, o)); // a restored cell keeps its outputs
      if (ev.executionCount != null) { setPrompt(cell, ev.executionCount); markOrder(); }
      if (pendingFocus) { pendingFocus = null; focusCell(cell); } else if (ev.select) { select(cell); }
    } else if (ev.type === 'deleted') {
      const cell = cellEl(ev.cellId);
      if (cell) { cell.remove(); }
    } else if (ev.type === 'moved') {
      const cell = cellEl(ev.cellId);
      if (!cell) { return; }
      if (ev.direction < 0 && cell.previousElementSibling) {
        cell.previousElementSibling.before(cell);
      } else if (ev.direction > 0 && cell.nextElementSibling) {
        cell.nextElementSibling.after(cell);
      }
      focusCell(cell);
    }
  }

  document.querySelectorAll('div.cell').forEach(wireCell);

  // A restart throws away every variable, so it is asked first, as Jupyter does: a modal dialog
  // whose Restart button has the focus (Enter confirms) and that Escape or Cancel closes.
  function confirmRestart(runAll) {
    if (document.getElementById('restart-dialog')) { return; }
    const dialog = document.createElement('dialog');
    dialog.id = 'restart-dialog';
    const form = document.createElement('form');
    form.method = 'dialog';
    const title = document.createElement('h2');
    title.textContent = runAll ? 'Restart kernel and run all cells?' : 'Restart kernel?';
    const text = document.createElement('p');
    text.textContent = runAll
      ? 'All variables will be lost, then every cell runs again from the top.'
      : 'Do you want to restart the current kernel? All variables will be lost.';
    const cancel = document.createElement('button');
    cancel.value = 'cancel';
    cancel.className = 'cancel';
    cancel.textContent = 'Cancel';
    const restart = document.createElement('button');
    restart.value = 'restart';
    restart.className = 'confirm';
    restart.textContent = runAll ? 'Restart and run all' : 'Restart';
    form.append(title, text, cancel, ' ', restart);
    dialog.append(form);
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (dialog.returnValue === 'restart') { send({ type: runAll ? 'restart-run-all' : 'restart' }); }
    });
    document.body.append(dialog);
    dialog.showModal();
    restart.focus();
  }

  // Command mode (no text field focused): Jupyter's keys. A/B insert above/below, D,D delete,
  // Z undo delete, M/Y/R cell type, I,I interrupt, 0,0 restart, Enter edits, Up/Down (K/J) move
  // the selection, H shows this list.
  let lastKey = '';
  let lastKeyAt = 0;
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    if (document.querySelector('dialog[open]')) { return; } // the dialog's own keys: Enter confirms, Escape cancels
    if ((t && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.isContentEditable)) || e.ctrlKey || e.metaKey || e.altKey) { return; }
    const twice = e.key === lastKey && Date.now() - lastKeyAt < 1000;
    lastKey = e.key;
    lastKeyAt = Date.now();
    const all = Array.from(document.querySelectorAll('div.cell'));
    const i = selected ? all.indexOf(selected) : -1;
    switch (e.key) {
      case 'a':
      case 'b': {
        const after = e.key === 'b' ? selected : (i > 0 ? all[i - 1] : null);
        pendingFocus = true;
        send({ type: 'insert', afterId: after ? after.dataset.cellId : null, cellType: 'code' });
        break;
      }
      case 'd':
        if (twice && selected) {
          const next = all[i + 1] || all[i - 1] || null;
          send({ type: 'delete', cellId: selected.dataset.cellId });
          select(next);
          lastKey = '';
        }
        break;
      case 'z':
        send({ type: 'undelete' });
        break;
      case 'c':
      case 'x':
        // The server keeps the copy and gives the pasted cell new ids (M15).
        if (selected) { send({ type: e.key === 'c' ? 'copy' : 'cut', cellId: selected.dataset.cellId }); }
        break;
      case 'v':
        send({ type: 'paste', afterId: selected ? selected.dataset.cellId : null });
        break;
      case 'h':
        document.getElementById('shortcut-help').hidden = !document.getElementById('shortcut-help').hidden;
        break;
      case 'i':
        if (twice) { send({ type: 'interrupt' }); lastKey = ''; }
        break;
      case '0':
        if (twice) { confirmRestart(false); lastKey = ''; }
        break;
      case 'Enter':
        if (selected) {
          e.preventDefault();
          if (selected.dataset.cellType === 'code') { focusCell(selected); } else { editText(selected); }
        }
        break;
      case 'm':
      case 'y':
      case 'r':
        if (selected) {
          send({ type: 'set-type', cellId: selected.dataset.cellId, cellType: { m: 'markdown', y: 'code', r: 'raw' }[e.key] });
        }
        break;
      case 'ArrowUp':
      case 'k':
        if (i > 0) { e.preventDefault(); select(all[i - 1]); }
        break;
      case 'ArrowDown':
      case 'j':
        if (i >= 0 && i < all.length - 1) { e.preventDefault(); select(all[i + 1]); }
        break;
      default:
        return;
    }
  });
  document.getElementById('save-notebook').addEventListener('click', () => {
    const sources = {};
    for (const cell of codeCells()) {
      sources[cell.dataset.cellId] = cell.querySelector('textarea.cell-source').value;
    }
    if (send({ type: 'save', sources: sources })) { saveStatusEl.textContent = 'Saving…'; }
  });
  document.getElementById('checkpoint-notebook').addEventListener('click', () => send({ type: 'checkpoint' }));
  document.getElementById('revert-notebook').addEventListener('click', () => {
    if (confirm('Revert the notebook to its last checkpoint? Changes since then are lost.')) {
      send({ type: 'revert' });
    }
  });
  document.getElementById('clear-outputs').addEventListener('click', () => send({ type: 'clear-outputs' }));
  document.getElementById('run-all').addEventListener('click', () => codeCells().forEach(runCell));
  document.getElementById('restart-run-all').addEventListener('click', () => confirmRestart(true));
  document.getElementById('interrupt-kernel').addEventListener('click', () => send({ type: 'interrupt' }));
  document.getElementById('restart-kernel').addEventListener('click', () => confirmRestart(false));
  document.getElementById('insert-cell').addEventListener('click', () => {
    pendingFocus = true;
    send({ type: 'insert', afterId: selected ? selected.dataset.cellId : null, cellType: 'code' });
  });
  document.getElementById('delete-cell').addEventListener('click', () => {
    if (selected) { send({ type: 'delete', cellId: selected.dataset.cellId }); }
  });
  document.getElementById('move-up').addEventListener('click', () => {
    if (selected) { send({ type: 'move', cellId: selected.dataset.cellId, direction: -1 }); }
  });
  document.getElementById('move-down').addEventListener('click', () => {
    if (selected) { send({ type: 'move', cellId: selected.dataset.cellId, direction: 1 }); }
  });
  connect();
})();
