// Live progress for /hub/spawn-pending: the page also reloads itself, so this only makes it
// quicker and more informative; nothing breaks when scripts are off or this fails.
(function () {
  'use strict';
  if (!window.EventSource) { return; }
  var bar = document.getElementById('spawn-progress');
  var message = document.getElementById('spawn-message');
  var events = new EventSource('/hub/spawn-pending/events' + window.location.search);
  events.onmessage = function (e) {
    var event;
    try { event = JSON.parse(e.data); } catch (ignored) { return; }
    if (bar && typeof event.progress === 'number') { bar.value = event.progress; }
    if (message && event.message) { message.textContent = event.message; }
    if (event.ready) {
      events.close();
      var next = new URLSearchParams(window.location.search).get('next');
      window.location.replace(next && next.indexOf(event.url) === 0 ? next : event.url);
    } else if (event.failed) {
      events.close();
      window.location.replace('/hub/home');
    }
  };
})();
