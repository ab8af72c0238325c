// EnJoY file browser: new notebook, new folder, upload, rename, delete through the contents API (same origin,
// under the server's prefix). The page itself is rendered by the server.
(function () {
  'use strict';
  const body = document.body;
  const prefix = body.dataset.prefix;
  const dir = body.dataset.dir;
  if (prefix === undefined || dir === undefined) {
    return;
  }
  const message = document.getElementById('files-message');
  function api(path) {
    return prefix + 'api/contents/' + path.split('/').map(encodeURIComponent).join('/');
  }
  async function call(method, path, payload) {
    const r = await fetch(api(path), {
      method: method,
      headers: { 'Content-Type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    if (!r.ok) {
      let why = r.status + '';
      try { why = (await r.json()).message; } catch (e) { /* keep the status */ }
      throw new Error(why);
    }
    return r.status === 204 ? null : r.json();
  }
  function report(e) {
    message.textContent = e.message;
  }
  document.getElementById('new-notebook').addEventListener('click', () => {
    call('POST', dir, { type: 'notebook' })
      .then((m) => { location.href = prefix + 'notebooks/' + m.path.split('/').map(encodeURIComponent).join('/'); })
      .catch(report);
  });
  // Jupyter's "New Folder": "Untitled Folder" ("Untitled Folder 1", … when taken), renamed afterwards.
  document.getElementById('new-folder').addEventListener('click', () => {
    call('POST', dir, { type: 'directory' }).then(() => location.reload()).catch(report);
  });
  document.getElementById('upload-file').addEventListener('change', (ev) => {
    const file = ev.target.files[0];
    if (!file) { return; }
    const reader = new FileReader();
    reader.onload = () => {
      const base64 = String(reader.result).replace(/^data:[^,]*,/, '');
      const target = (dir ? dir + '/' : '') + file.name;
      call('PUT', target, { type: 'file', format: 'base64', content: base64 })
        .then(() => location.reload()).catch(report);
    };
    reader.readAsDataURL(file);
  });
  for (const b of document.querySelectorAll('button.rename-entry')) {
    b.addEventListener('click', () => {
      const from = b.dataset.path;
      const to = prompt('New name', from);
      if (to && to !== from) {
        call('PATCH', from, { path: to }).then(() => location.reload()).catch(report);
      }
    });
  }
  for (const b of document.querySelectorAll('button.delete-entry')) {
    b.addEventListener('click', () => {
      if (confirm('Delete ' + b.dataset.path + '?')) {
        call('DELETE', b.dataset.path).then(() => location.reload()).catch(report);
      }
    });
  }
})();
