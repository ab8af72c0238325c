// EnJoY notebook outputs: draws nbformat outputs into a cell's div.cell-output. Nothing from a
// notebook runs: text goes in as text, images as data URIs, HTML only in a sandboxed iframe
// without scripts. Used by notebook.js (loaded before it).
(function () {
  'use strict';
  function stripAnsi(s) {
    return s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
  }
  function text(v) {
    return Array.isArray(v) ? v.join('') : (v == null ? '' : String(v));
  }
  function renderBundle(data) {
    if (data['image/svg+xml']) {
      const img = document.createElement('img');
      img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text(data['image/svg+xml']));
      img.alt = text(data['text/plain']);
      return img;
    }
    for (const mime of ['image/png', 'image/jpeg', 'image/gif']) {
      if (data[mime]) {
        const img = document.createElement('img');
        img.src = 'data:' + mime + ';base64,' + text(data[mime]).replace(/\s/g, '');
        img.alt = text(data['text/plain']);
        return img;
      }
    }
    if (data['text/html']) {
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', ''); // no scripts, no same-origin access
      frame.className = 'html-output';
      frame.srcdoc = text(data['text/html']);
      return frame;
    }
    const pre = document.createElement('pre');
    pre.className = 'output-text';
    pre.textContent = text(data['text/plain']);
    return pre;
  }
  function appendOutput(cell, out) {
    const area = cell.querySelector('div.cell-output');
    if (!area) { return; }
    if (out.output_type === 'stream') {
      const last = area.lastElementChild;
      if (last && last.dataset.stream === out.name) {
        last.textContent += text(out.text);
        return;
      }
      const pre = document.createElement('pre');
      pre.className = 'output-stream ' + out.name;
      pre.dataset.stream = out.name;
      pre.textContent = text(out.text);
      area.appendChild(pre);
    } else if (out.output_type === 'execute_result' || out.output_type === 'display_data') {
      const el = renderBundle(out.data || {});
      el.classList.add(out.output_type === 'execute_result' ? 'output-result' : 'output-display');
      area.appendChild(el);
    } else if (out.output_type === 'error') {
      const pre = document.createElement('pre');
      pre.className = 'output-error';
      const tb = (out.traceback || []).map(stripAnsi).join('\n');
      pre.textContent = tb || (out.ename + ': ' + out.evalue);
      area.appendChild(pre);
    }
  }
  function clearOutput(cell) {
    const area = cell && cell.querySelector('div.cell-output');
    if (area) { area.replaceChildren(); }
  }

  window.EnjoyOutputs = { append: appendOutput, clear: clearOutput };
})();
