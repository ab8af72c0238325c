// EnJoY text editor page (<prefix>edit/<path>): a file that is not a notebook, edited in
// CodeMirror and saved through the contents API (Save or Ctrl-S). Every save sends the file's
// stamp as this page loaded or last saved it; if the file changed on disk meanwhile the server
// refuses, the typed text stays here, and the user may then overwrite the other version on purpose.
(function () {
  'use strict';
  const body = document.body;
  const prefix = body.dataset.prefix;
  const file = body.dataset.file;
  if (!prefix || file === undefined) {
    return; // the notebook page and the file browser have their own scripts
  }
  const textarea = document.getElementById('file-text');
  const status = document.getElementById('save-status');
  const overwrite = document.getElementById('overwrite-file');
  let loaded = { last_modified: body.dataset.lastModified, size: Number(body.dataset.size) };

  function kindOf(name) {
    if (/\.java$/i.test(name)) { return 'code'; }
    if (/\.md$/i.test(name)) { return 'markdown'; }
    return 'text';
  }
  function keys(e) {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') {
      e.preventDefault();
      save(false);
      return true;
    }
    return false;
  }
  async function save(overwriting) {
    status.textContent = 'Saving…';
    let reply;
    let model = null;
    try {
      reply = await fetch(prefix + 'api/contents/' + file.split('/').map(encodeURIComponent).join('/'), {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'file', format: 'text', content: textarea.value, expected: overwriting ? null : loaded }),
      });
      model = await reply.json();
    } catch (e) {
      status.textContent = 'Not saved: the server did not answer (' + e.message + '); your text is still here';
      return;
    }
    if (!reply.ok) {
      status.textContent = 'Not saved: ' + (model && model.message ? model.message : 'HTTP ' + reply.status) + '. Your text is still here.';
      overwrite.hidden = reply.status !== 409;
      return;
    }
    loaded = { last_modified: model.last_modified, size: model.size };
    overwrite.hidden = true;
    status.textContent = 'Saved';
  }

  if (window.EnjoyEditor) {
    EnjoyEditor.attach(textarea, keys, kindOf(file)).focus();
  } else {
    textarea.addEventListener('keydown', keys);
  }
  textarea.addEventListener('input', () => { status.textContent = 'Not saved yet'; });
  document.getElementById('save-file').addEventListener('click', () => save(false));
  overwrite.addEventListener('click', () => save(true));
})();
