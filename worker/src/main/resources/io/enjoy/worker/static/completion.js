// EnJoY Tab completion: asks the kernel (through the page's WebSocket) and shows the answer under
// the cell. Used by notebook.js (loaded before it).
(function () {
  'use strict';
  function create(send) {
    // Tab completion (answered by the kernel between cells): one match is inserted, several are
    // listed under the cell; the common prefix is inserted at once, as in Jupyter.
    let completionSeq = 0;
    let completionTarget = null;
    function requestCompletion(cell, ta) {
      completionTarget = { cell: cell, ta: ta, id: 'c' + (++completionSeq) };
      send({ type: 'complete', code: ta.value, cursor: ta.selectionStart, requestId: completionTarget.id });
    }
    function hideCompletions() {
      document.querySelectorAll('ul.completions').forEach((u) => u.remove());
    }
    function applyCompletion(ta, start, end, text) {
      ta.setRangeText(text, start, end, 'end');
      ta.focus();
      ta.dispatchEvent(new Event('input'));
    }
    function showCompletions(ev) {
      hideCompletions();
      if (!completionTarget || ev.requestId !== completionTarget.id || ev.matches.length === 0) { return; }
      const ta = completionTarget.ta;
      const typed = ta.value.slice(ev.start, ev.end);
      if (ev.matches.length === 1) {
        applyCompletion(ta, ev.start, ev.end, ev.matches[0]);
        return;
      }
      let common = ev.matches[0];
      for (const m of ev.matches) {
        while (!m.startsWith(common)) { common = common.slice(0, -1); }
      }
      let end = ev.end;
      if (common.length > typed.length && common.startsWith(typed)) {
        applyCompletion(ta, ev.start, ev.end, common);
        end = ev.start + common.length;
      }
      const list = document.createElement('ul');
      list.className = 'completions';
      for (const m of ev.matches) {
        const item = document.createElement('li');
        item.textContent = m;
        item.addEventListener('mousedown', (e) => {
          e.preventDefault();
          applyCompletion(ta, ev.start, end, m);
          hideCompletions();
        });
        list.appendChild(item);
      }
      ta.after(list);
    }

    return { request: requestCompletion, hide: hideCompletions, show: showCompletions };
  }
  window.EnjoyCompletion = { create: create };
})();
