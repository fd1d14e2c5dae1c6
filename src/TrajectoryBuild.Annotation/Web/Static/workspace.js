'use strict';
// The labelling page (annotate and review). Every string from the trajectory or from people goes into the page
// through textContent: nothing is ever parsed as HTML.
(function () {
  const root = document.getElementById('workspace');
  if (!root) return;
  const api = root.dataset.api;
  const mode = root.dataset.mode;
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const statusEl = document.getElementById('status');
  const conversation = document.getElementById('conversation');
  const panel = document.getElementById('panel');
  const help = document.getElementById('help');
  let data = null;
  let axes = [];
  let current = 0;
  let focused = 0;
  let locked = false;
  const scores = new Map();
  let queue = Promise.resolve();

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function status(text, cls) { statusEl.textContent = text; statusEl.className = cls || ''; }

  async function post(url, body) {
    const response = await fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token },
      body: JSON.stringify(body || {}),
    });
    if (!response.ok) {
      let message = 'HTTP ' + response.status;
      try { message = (await response.json()).error || message; } catch (ignored) { /* not JSON */ }
      throw new Error(message);
    }
    return response.json();
  }

  function isDiff(lines) {
    return lines.some(function (l) { return l.startsWith('@@') || l.startsWith('diff --git') || l.startsWith('+++ ') || l.startsWith('--- '); });
  }

  function textBlock(text, cls) {
    const pre = el('pre', cls);
    const lines = String(text).split('\n');
    if (!isDiff(lines)) { pre.textContent = text; return pre; }
    pre.classList.add('diff');
    lines.forEach(function (line, i) {
      let kind = null;
      if (line.startsWith('+') && !line.startsWith('+++')) kind = 'add';
      else if (line.startsWith('-') && !line.startsWith('---')) kind = 'del';
      else if (line.startsWith('@@')) kind = 'hunk';
      pre.appendChild(el('span', kind, line + (i < lines.length - 1 ? '\n' : '')));
    });
    return pre;
  }

  function folded(text, cls, label, open) {
    const lines = String(text).split('\n').length;
    const block = textBlock(text, cls);
    if (open && lines <= 25 && text.length <= 4000) return block;
    const details = el('details', 'fold');
    details.appendChild(el('summary', null, label + ' (' + lines + ' lines)'));
    details.appendChild(block);
    return details;
  }

  function renderConversation() {
    const t = data.trajectory;
    conversation.replaceChildren();
    const head = el('div', 'meta');
    head.appendChild(el('span', null, [t.instanceId, t.scaffold, t.model].filter(Boolean).join(' · ')));
    conversation.appendChild(head);
    if (t.prompt.length > 0) {
      const prompt = el('details', 'prompt');
      prompt.appendChild(el('summary', null, 'Task and prompt (' + t.prompt.length + ' messages)'));
      t.prompt.forEach(function (m) {
        const msg = el('div', 'message');
        msg.appendChild(el('div', 'role', m.role));
        msg.appendChild(textBlock(m.content, 'text'));
        prompt.appendChild(msg);
      });
      conversation.appendChild(prompt);
    }
    t.turns.forEach(function (turn) {
      const section = el('section', 'turn');
      section.id = 'turn-' + turn.index;
      section.dataset.turn = turn.index;
      section.appendChild(el('h3', null, 'Turn ' + (turn.index + 1)));
      if (turn.thought) { section.appendChild(el('div', 'label', 'Thought')); section.appendChild(textBlock(turn.thought, 'thought')); }
      if (turn.content) { section.appendChild(el('div', 'label', 'Response')); section.appendChild(folded(turn.content, 'text', 'Response', true)); }
      turn.toolCalls.forEach(function (call) {
        section.appendChild(el('div', 'label', 'Tool call: ' + call.name));
        section.appendChild(folded(call.arguments, 'call', 'Arguments', true));
      });
      turn.observations.forEach(function (o) {
        const label = 'Observation' + (o.exitCode !== null && o.exitCode !== undefined ? ' (exit ' + o.exitCode + ')' : '') + (o.isError ? ' · error' : '');
        section.appendChild(el('div', 'label', label));
        section.appendChild(folded(o.content, o.isError ? 'observation error' : 'observation', 'Observation', true));
      });
      turn.feedback.forEach(function (m) {
        section.appendChild(el('div', 'label', 'Feedback (' + m.role + ')'));
        section.appendChild(folded(m.content, 'text', 'Feedback', true));
      });
      if (turn.error) { section.appendChild(el('div', 'label', 'Error')); section.appendChild(folded(turn.error, 'observation error', 'Error', true)); }
      section.addEventListener('click', function () { select(turn.index); });
      conversation.appendChild(section);
    });
    if (t.patch) conversation.appendChild(folded(t.patch, 'patch', 'Final patch', false));
  }

  function turnScores(turn) {
    if (!scores.has(turn)) scores.set(turn, {});
    return scores.get(turn);
  }

  function others(turn, axis) {
    return (data.annotations || []).filter(function (a) { return a.turn === turn && a.scores[axis] !== null; })
      .map(function (a) { return a.by + ': ' + a.scores[axis]; });
  }

  function renderPanel() {
    panel.replaceChildren();
    const count = data.trajectory.turns.length;
    panel.appendChild(el('h2', null, count === 0 ? 'No turns' : 'Turn ' + (current + 1) + ' of ' + count));
    if (count === 0) return;
    const mine = turnScores(current);
    axes.forEach(function (axis, i) {
      const box = el('fieldset', 'axis' + (i === focused ? ' focused' : ''));
      box.dataset.axis = axis.name;
      box.appendChild(el('legend', null, axis.title + ' [' + axis.key + ']'));
      box.appendChild(el('p', 'question', axis.question));
      if (mode === 'review') {
        const seen = others(current, axis.name);
        box.appendChild(el('p', 'others', seen.length ? 'Annotators: ' + seen.join(', ') : 'Annotators: not scored'));
      }
      axis.levels.forEach(function (level) {
        const button = el('button', 'level' + (mine[axis.name] === level.value ? ' selected' : ''));
        button.type = 'button';
        button.dataset.value = level.value;
        button.setAttribute('aria-pressed', mine[axis.name] === level.value ? 'true' : 'false');
        button.appendChild(el('strong', null, level.value + ' ' + level.label));
        button.appendChild(el('small', null, level.guideline));
        button.disabled = locked;
        button.addEventListener('click', function () { focused = i; setScore(axis.name, level.value); });
        box.appendChild(button);
      });
      panel.appendChild(box);
    });
    if (mode === 'annotate') {
      const comment = el('textarea', 'comment');
      comment.id = 'comment';
      comment.placeholder = 'Comment on this turn (optional)';
      comment.value = mine.comment || '';
      comment.disabled = locked;
      comment.addEventListener('change', function () { save({ turn: current, axis: null, score: null, comment: comment.value }); mine.comment = comment.value; });
      panel.appendChild(comment);
    }
    document.querySelectorAll('.turn').forEach(function (s) {
      const n = Number(s.dataset.turn);
      s.classList.toggle('current', n === current);
      const done = Object.keys(turnScores(n)).filter(function (k) { return k !== 'comment' && turnScores(n)[k] !== null; }).length;
      s.classList.toggle('complete', done === axes.length);
    });
  }

  function save(body) {
    status('saving...', 'saving');
    queue = queue.then(function () {
      return post(api + '/labels', body).then(function () { status('saved', 'saved'); }, function (e) { status('not saved: ' + e.message, 'error'); });
    });
    return queue;
  }

  function setScore(axis, value) {
    if (locked) return;
    const mine = turnScores(current);
    mine[axis] = value;
    renderPanel();
    save({ turn: current, axis: axis, score: value });
  }

  function select(turn) {
    const count = data.trajectory.turns.length;
    if (count === 0) return;
    current = Math.max(0, Math.min(count - 1, turn));
    renderPanel();
    const section = document.getElementById('turn-' + current);
    if (section && section.scrollIntoView) section.scrollIntoView({ block: 'start' });
  }

  function showHelp(show) {
    const table = document.getElementById('help-keys');
    table.replaceChildren();
    const rows = [['j / k', 'next / previous turn'], ['Tab / Shift+Tab', 'next / previous axis']]
      .concat(axes.map(function (a) { return [a.key, 'focus ' + a.title]; }))
      .concat([['1 / 2 / 3', 'score the focused axis (then move to the next axis)'], ['0 or Backspace', 'clear the focused axis'], ['?', 'show or hide this help']]);
    rows.forEach(function (r) {
      const tr = el('tr');
      tr.appendChild(el('th', null, r[0]));
      tr.appendChild(el('td', null, r[1]));
      table.appendChild(tr);
    });
    help.hidden = !show;
  }

  document.addEventListener('keydown', function (e) {
    if (!data || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target;
    if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT')) {
      if (e.key === 'Escape') target.blur();
      return;
    }
    if (e.key === '?') { showHelp(help.hidden); e.preventDefault(); return; }
    if (e.key === 'Escape') { showHelp(false); return; }
    if (e.key === 'j') { select(current + 1); e.preventDefault(); return; }
    if (e.key === 'k') { select(current - 1); e.preventDefault(); return; }
    if (e.key === 'Tab') { focused = (focused + (e.shiftKey ? axes.length - 1 : 1)) % axes.length; renderPanel(); e.preventDefault(); return; }
    const axisIndex = axes.findIndex(function (a) { return a.key === e.key; });
    if (axisIndex >= 0) { focused = axisIndex; renderPanel(); e.preventDefault(); return; }
    if (e.key === '1' || e.key === '2' || e.key === '3') {
      setScore(axes[focused].name, Number(e.key));
      focused = Math.min(focused + 1, axes.length - 1);
      renderPanel();
      e.preventDefault();
      return;
    }
    if (e.key === '0' || e.key === 'Backspace') { setScore(axes[focused].name, null); e.preventDefault(); }
  });

  document.getElementById('help-button').addEventListener('click', function () { showHelp(help.hidden); });
  const submit = document.getElementById('submit');
  if (submit) {
    submit.addEventListener('click', async function () {
      await queue;
      try {
        await post(api + '/submit');
        locked = true;
        submit.disabled = true;
        status('submitted', 'saved');
        renderPanel();
        const next = el('a', 'next', 'Next trajectory');
        next.href = '/annotate';
        document.querySelector('.toolbar').appendChild(next);
      } catch (err) {
        status('not submitted: ' + err.message, 'error');
      }
    });
  }

  fetch(api, { credentials: 'same-origin' }).then(function (r) {
    if (!r.ok) throw new Error('HTTP ' + r.status);
    return r.json();
  }).then(function (json) {
    data = json;
    axes = json.axes;
    (json.labels || []).forEach(function (l) {
      const mine = turnScores(l.turn);
      axes.forEach(function (a) { if (l.scores[a.name] !== null) mine[a.name] = l.scores[a.name]; });
      if (l.comment) mine.comment = l.comment;
    });
    locked = !!(json.assignment && json.assignment.submitted);
    if (submit && locked) submit.disabled = true;
    document.getElementById('title').textContent = (json.assignment || json.item).trajectoryId;
    renderConversation();
    renderPanel();
    status(locked ? 'submitted' : 'ready', 'ready');
    root.dataset.ready = 'true';
  }).catch(function (e) { status('could not load: ' + e.message, 'error'); });
})();
