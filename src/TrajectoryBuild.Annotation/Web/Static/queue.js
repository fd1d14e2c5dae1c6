'use strict';
// The annotator's queue: "Next trajectory" asks the server for the open or a new assignment.
(function () {
  const button = document.getElementById('next');
  const status = document.getElementById('status');
  const token = document.querySelector('meta[name="csrf-token"]').content;
  if (!button) return;
  button.addEventListener('click', async function () {
    status.textContent = 'finding the next trajectory...';
    const response = await fetch('/api/next', { method: 'POST', headers: { 'X-CSRF-TOKEN': token }, credentials: 'same-origin' });
    if (!response.ok) { status.textContent = 'error ' + response.status; return; }
    const next = await response.json();
    if (next.done) { status.textContent = 'Nothing left in your queue. Thank you!'; return; }
    window.location.assign('/annotate/' + encodeURIComponent(next.id));
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'n' && !e.ctrlKey && !e.metaKey && !e.altKey) button.click();
  });
})();
