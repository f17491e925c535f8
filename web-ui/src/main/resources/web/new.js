// The New page: an experiment's YAML (picked from the server's experiments folder, pasted, or a run's
// resolved configuration from "Run again with changes") in an editor with line numbers, validated
// through POST /api/check at every pause in typing (errors with line and column beside the text, the
// model summary when valid), then launched as a run or a sweep; the new run's or sweep's page opens.
import { esc } from './api.js';

/** Where "Run again with changes" leaves the configuration for this page. */
export const HANDOVER = 'workbench.new.yaml';

const DEBOUNCE_MS = 600;

export async function render(main) {
  main.innerHTML = `<h1>New run or sweep</h1>
    <section class="card">
      <div class="row"><label>Experiment file <select id="file"><option value="">(pasted text)</option></select></label>
        <span class="muted" id="launcher"></span></div>
      <div class="editor-box">
        <div class="editor"><pre class="gutter" id="gutter" aria-hidden="true">1</pre>
          <textarea id="yaml" spellcheck="false" wrap="off" placeholder="name: my-experiment&#10;dataset: ...&#10;architecture: ...&#10;training: ..."></textarea></div>
        <aside class="problems"><h2>Check</h2><div id="state" class="muted">Type or pick an experiment.</div>
          <ul id="errors" class="errors"></ul><pre id="summary" class="summary"></pre></aside>
      </div>
      <div class="row" style="margin-top: 10px"><button class="primary" id="launch-run" disabled>Launch as run</button>
        <button id="launch-sweep" disabled>Launch as sweep</button><span id="launch-state" class="error"></span></div>
    </section>`;
  const area = main.querySelector('#yaml');
  const gutter = main.querySelector('#gutter');
  const select = main.querySelector('#file');
  const state = main.querySelector('#state');
  const errorsEl = main.querySelector('#errors');
  const summaryEl = main.querySelector('#summary');
  const runButton = main.querySelector('#launch-run');
  const sweepButton = main.querySelector('#launch-sweep');
  const launchState = main.querySelector('#launch-state');
  let errorLines = new Set();
  let timer = null;
  let sequence = 0;

  function drawGutter() {
    const count = area.value.split('\n').length;
    const lines = [];
    for (let i = 1; i <= count; i++) lines.push(errorLines.has(i) ? `<span class="err">${i}</span>` : String(i));
    gutter.innerHTML = lines.join('\n');
    gutter.scrollTop = area.scrollTop;
  }

  function showErrors(errors) {
    errorLines = new Set(errors.filter(e => e.line > 0).map(e => e.line));
    errorsEl.innerHTML = errors.map(e => `<li class="error" data-line="${e.line}">${e.line > 0
      ? `<a href="#" class="goto">line ${e.line}, column ${e.column}</a>: ` : ''}${esc(e.message)}</li>`).join('');
    drawGutter();
  }

  async function check() {
    const mine = ++sequence;
    const text = area.value;
    if (!text.trim()) {
      state.textContent = 'Type or pick an experiment.';
      showErrors([]);
      summaryEl.textContent = '';
      runButton.disabled = sweepButton.disabled = true;
      return;
    }
    state.textContent = 'Checking…';
    let doc;
    try {
      doc = await postYaml('/api/check' + fileQuery(), text);
    } catch (e) {
      if (mine === sequence) state.textContent = e.message;
      return;
    }
    if (mine !== sequence) return;   // a newer check is on its way
    if (doc.status !== 200) {
      state.innerHTML = `<span class="error">${esc(doc.body.error || 'the check failed')}</span>`;
      return;
    }
    const c = doc.body;
    showErrors(c.errors || []);
    if (c.valid) {
      const s = c.summary;
      state.innerHTML = `<span class="ok">Valid</span>: ${esc(s.experiment)}, input ${esc(s.input_shape)}, ${s.classes.length} classes,
        ${Number(s.total_params).toLocaleString()} parameters${s.sweep ? ', with a sweep' : ''}`;
      summaryEl.textContent = s.summary_text || '';
      runButton.disabled = false;
      sweepButton.disabled = !s.sweep;
    } else {
      state.innerHTML = `<span class="error">${c.errors.length} problem${c.errors.length === 1 ? '' : 's'}</span>`;
      summaryEl.textContent = '';
      runButton.disabled = sweepButton.disabled = true;
    }
  }

  function fileQuery() {
    return select.value ? '?file=' + encodeURIComponent(select.value) : '';
  }

  function changed() {
    drawGutter();
    clearTimeout(timer);
    timer = setTimeout(check, DEBOUNCE_MS);
  }

  async function launch(kind) {
    launchState.textContent = '';
    runButton.disabled = sweepButton.disabled = true;
    launchState.innerHTML = '<span class="muted">Starting…</span>';
    try {
      const r = await postYaml(`/api/${kind}` + fileQuery(), area.value);
      if (r.status === 202) {
        location.href = `/${kind}/${r.body.id}`;
        return;
      }
      if (r.body && r.body.errors) showErrors(r.body.errors);
      launchState.textContent = (r.body && r.body.error) || `${r.status}`;
    } catch (e) {
      launchState.textContent = e.message;
    }
    runButton.disabled = false;
  }

  area.addEventListener('input', changed);
  area.addEventListener('scroll', () => { gutter.scrollTop = area.scrollTop; });
  errorsEl.addEventListener('click', e => {
    const li = e.target.closest('li');
    if (!li || !e.target.classList.contains('goto')) return;
    e.preventDefault();
    const line = Number(li.dataset.line);
    const lines = area.value.split('\n');
    let at = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) at += lines[i].length + 1;
    area.focus();
    area.setSelectionRange(at, at + (lines[line - 1] || '').length);
  });
  runButton.addEventListener('click', () => launch('runs'));
  sweepButton.addEventListener('click', () => launch('sweeps'));
  select.addEventListener('change', async () => {
    if (!select.value) return;
    const r = await fetch('/api/experiments?file=' + encodeURIComponent(select.value));
    const doc = await r.json();
    if (!r.ok) { state.textContent = doc.error; return; }
    area.value = doc.text;
    changed();
  });

  const listing = await (await fetch('/api/experiments')).json();
  if (!listing.launches) {
    main.querySelector('.card').insertAdjacentHTML('afterbegin',
      '<p class="note">This dashboard does not launch: start it with ./workbench serve.</p>');
  } else {
    main.querySelector('#launcher').textContent = `sweeps run ${listing.launcher === 'slurm' ? 'on Slurm' : 'on worker processes here'}`;
  }
  select.insertAdjacentHTML('beforeend', (listing.files || []).map(f => `<option>${esc(f)}</option>`).join(''));
  const handed = sessionStorage.getItem(HANDOVER);
  if (handed) {
    sessionStorage.removeItem(HANDOVER);
    area.value = handed;
    changed();
  }
  drawGutter();
}

/** POSTs YAML; answers {status, body}. */
async function postYaml(path, text) {
  const r = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/yaml', Accept: 'application/json' }, body: text });
  const raw = await r.text();
  let body = null;
  try { body = raw ? JSON.parse(raw) : null; } catch (e) { body = { error: raw }; }
  return { status: r.status, body };
}

/** A JSON tree as YAML (block style; strings quoted when YAML would read them otherwise). */
export function toYaml(value, indent = '') {
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return value.map(v => {
      const inner = toYaml(v, indent + '  ');
      return `\n${indent}- ` + (isBlock(v) ? inner.replace(/^\n\s*/, '') : inner);
    }).join('');
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (!keys.length) return '{}';
    return keys.map(k => `\n${indent}${scalar(k)}:` + (isBlock(value[k]) ? toYaml(value[k], indent + '  ') : ' ' + toYaml(value[k], indent + '  '))).join('');
  }
  return scalar(value);
}

function isBlock(v) {
  return v && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
}

function scalar(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = String(v);
  return /^[A-Za-z_/.][A-Za-z0-9_ ./+-]*$/.test(s) && !/^(true|false|null|yes|no|on|off|~)$/i.test(s) && !/\s$/.test(s)
    ? s : JSON.stringify(s);
}
