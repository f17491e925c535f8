// Home: experiments and sweeps at a glance, then every run in a table the server filters, sorts and pages.
import { badge, esc, getJson, num, postJson, seconds, when } from './api.js';
import { onChange } from './live.js';
import { clientTable, picked, runsTable, setPicked } from './table.js';

const COLUMNS = 'workbench.columns';

/** Whether the search box holds a filter expression rather than words to search for (as the server's RunFilter.looksLikeFilter). */
export function looksLikeFilter(text) {
  return /[=<>!]/.test(text) || /(^|\s)(in|like|ilike|is)(\s|\(|$)/i.test(text);
}

const STATUSES = ['queued', 'running', 'interrupted', 'completed', 'pruned', 'failed', 'cancelled'];

export async function render(main) {
  main.innerHTML = `
    <h1>Runs &amp; sweeps</h1>
    <p class="muted" id="counts"></p>
    <div class="grid">
      <section class="card"><h2>Experiments</h2><div id="experiments"></div></section>
      <section class="card"><h2>Sweeps</h2><div id="sweeps"></div></section>
    </div>
    <section class="card">
      <div class="row" style="justify-content: space-between">
        <h2>All runs</h2>
        <div class="row"><span class="muted" id="pick-count"></span>
          <button id="compare" class="primary">Compare selected</button><button id="clear">Clear</button>
          <button id="trash-selected">Move selected to trash</button><button id="restore-selected" hidden>Restore selected</button>
          <label><input type="checkbox" id="show-trash"> trash</label>
          <a id="export-csv" href="#">Export CSV</a> <a id="export-json" href="#">JSON</a></div>
      </div>
      <form class="filters row" id="filters" onsubmit="return false">
        <input name="q" placeholder="Search, or filter: max.val_accuracy > 0.8 and params.training.optimizer in ('adam')" size="48">
        <select name="status"><option value="">any status</option>${STATUSES.map(s => `<option>${s}</option>`).join('')}</select>
        <select name="experiment"><option value="">any experiment</option></select>
        <input name="tag" placeholder="tag or key=value" size="14">
        <input name="rkey" placeholder="metric (val_loss)" size="14" list="metric-keys">
        <input name="rmin" placeholder="min" size="6"> <input name="rmax" placeholder="max" size="6">
        <datalist id="metric-keys"><option>loss</option><option>accuracy</option><option>val_loss</option><option>val_accuracy</option>
          <option>epochs</option><option>best_val_accuracy</option><option>test_accuracy</option><option>duration_seconds</option>
          <option>gap_loss_last</option><option>gap_loss_best</option><option>onset_epoch</option><option>early_stop_epoch</option><option>best_epoch</option></datalist>
      </form>
      <pre class="error" id="filter-error" hidden></pre>
      <div class="row"><label class="muted">Columns <input name="columns" id="columns" size="48"
        placeholder="params.training.optimizer, max.val_accuracy, min.val_loss"></label></div>
      <div id="runs"></div>
    </section>`;

  const form = main.querySelector('#filters');
  const showTrash = main.querySelector('#show-trash');
  const trashState = main.querySelector('#pick-count');
  const query = () => {
    const f = new FormData(form);
    const p = {};
    for (const k of ['status', 'experiment', 'tag']) if (f.get(k)) p[k] = f.get(k);
    const q = (f.get('q') || '').trim();
    if (q) p[looksLikeFilter(q) ? 'filter' : 'q'] = q;
    if (extra.length) p.columns = extra.join(',');
    if (showTrash.checked) p.trash = '1';
    if (f.get('rkey') && (f.get('rmin') || f.get('rmax'))) p.range = `${f.get('rkey')}:${f.get('rmin') || ''}:${f.get('rmax') || ''}`;
    return p;
  };
  const columns = [
    { key: 'id', label: 'run', sort: 'id', html: r => `<a href="/runs/${esc(r.id)}">${esc(r.id)}</a>` },
    { key: 'experiment', label: 'experiment', sort: 'experiment' },
    { key: 'sweep_id', label: 'sweep', html: r => r.sweep_id ? `<a href="/sweeps/${esc(r.sweep_id)}">${esc(r.sweep_id)}</a>` : '' },
    { key: 'status', label: 'status', sort: 'status', html: r => badge(r.status) },
    { key: 'epochs', label: 'epochs', sort: 'epochs', num: true },
    { key: 'loss', label: 'loss', sort: 'loss', num: true, html: r => num(r.latest.loss) },
    { key: 'val_loss', label: 'val_loss', sort: 'val_loss', num: true, html: r => num(r.latest.val_loss) },
    { key: 'val_accuracy', label: 'val_accuracy', sort: 'val_accuracy', num: true, html: r => num(r.latest.val_accuracy) },
    { key: 'best_val_accuracy', label: 'best val acc', sort: 'best_val_accuracy', num: true, html: r => num(r.best_val_accuracy) },
    { key: 'test_accuracy', label: 'test acc', sort: 'test_accuracy', num: true, html: r => num(r.test_accuracy) },
    { key: 'gap_loss_last', label: 'gap (val − train)', sort: 'gap_loss_last', num: true, html: r => num(r.overfitting && r.overfitting.gap_loss_last) },
    { key: 'onset_epoch', label: 'overfits from', sort: 'onset_epoch', num: true, html: r => (r.overfitting && r.overfitting.onset_epoch) ?? '' },
    { key: 'note', label: 'note', html: r => `<span class="note" title="${esc(r.note || '')}">${esc((r.note || '').slice(0, 60))}</span>` },
    { key: 'tags', label: 'tags', html: r => Object.entries(r.tags || {}).map(([k, v]) => `<span class="badge">${esc(v ? k + '=' + v : k)}</span>`).join(' ') },
    { key: 'created_at', label: 'created', sort: 'created_at', html: r => esc(when(r.created_at)) },
    { key: 'duration_seconds', label: 'duration', sort: 'duration_seconds', num: true, html: r => esc(seconds(r.duration_seconds)) },
  ];
  // Chosen columns (params./max./min./metrics. fields), remembered in localStorage.
  const columnsBox = main.querySelector('#columns');
  let extra = [];
  const extraColumns = () => extra.map(f => ({ key: 'v:' + f, label: f, sort: null, num: true,
    html: r => { const v = r.values ? r.values[f] : null; return typeof v === 'number' ? num(v) : esc(v ?? ''); } }));
  const setExtra = text => {
    extra = text.split(',').map(s => s.trim()).filter(s => s).slice(0, 20);
    localStorage.setItem(COLUMNS, extra.join(', '));
    columns.length = baseColumns;
    columns.push(...extraColumns());
  };
  const baseColumns = columns.length;
  columnsBox.value = localStorage.getItem(COLUMNS) || '';
  setExtra(columnsBox.value);
  const errorBox = main.querySelector('#filter-error');
  const searchBox = form.querySelector('input[name=q]');
  const showError = e => {
    if (!e.column) {
      errorBox.hidden = true;
      return false;
    }
    const text = searchBox.value;
    errorBox.textContent = `${e.message}\n${text}\n${' '.repeat(Math.max(0, e.column - 1))}^`;
    errorBox.hidden = false;
    return true;
  };
  const table = runsTable(main.querySelector('#runs'), columns, query, { onError: showError, after: () => { errorBox.hidden = true; } });
  columnsBox.addEventListener('change', () => { setExtra(columnsBox.value); table.reload(); });
  let debounce;
  form.addEventListener('input', () => { clearTimeout(debounce); debounce = setTimeout(() => table.first(), 250); });

  const exportLink = fmt => {
    const p = new URLSearchParams(query());
    p.set('format', fmt);
    return '/api/export?' + p.toString();
  };
  main.querySelector('#export-csv').addEventListener('click', e => { e.preventDefault(); location.href = exportLink('csv'); });
  main.querySelector('#export-json').addEventListener('click', e => { e.preventDefault(); location.href = exportLink('json'); });
  const showPicks = () => { main.querySelector('#pick-count').textContent = `${picked().length} selected`; };
  document.addEventListener('picks', showPicks);
  showPicks();
  main.querySelector('#compare').addEventListener('click', () => {
    if (picked().length) location.href = '/compare?ids=' + picked().join(',');
  });
  main.querySelector('#clear').addEventListener('click', () => { setPicked([]); table.reload(); });
  showTrash.addEventListener('change', () => {
    main.querySelector('#trash-selected').hidden = showTrash.checked;
    main.querySelector('#restore-selected').hidden = !showTrash.checked;
    table.first();
  });
  main.querySelector('#trash-selected').addEventListener('click', async () => {
    if (!picked().length) return;
    try {
      await postJson('/api/trash', { ids: picked() });
      setPicked([]);
      table.reload();
      loadOverview();
    } catch (e) { trashState.textContent = e.message; }
  });
  main.querySelector('#restore-selected').addEventListener('click', async () => {
    try {
      for (const id of picked()) await postJson('/api/restore', { id });
      setPicked([]);
      table.reload();
      loadOverview();
    } catch (e) { trashState.textContent = e.message; }
  });

  let experimentsTable = null;
  let sweepsTable = null;
  async function loadOverview() {
    const o = await getJson('/api/overview');
    const total = o.experiments.reduce((n, e) => n + e.runs, 0);
    main.querySelector('#counts').textContent = `${o.experiments.length} experiments, ${total.toLocaleString()} runs, ${o.sweeps.length} sweeps`;
    const select = form.querySelector('select[name=experiment]');
    const chosen = select.value;
    select.innerHTML = '<option value="">any experiment</option>' + o.experiments.map(e => `<option>${esc(e.name)}</option>`).join('');
    select.value = chosen;
    const ecols = [
      { key: 'name', label: 'experiment', html: e => `<a href="#" class="exp" data-name="${esc(e.name)}">${esc(e.name)}</a>` },
      { key: 'runs', label: 'runs', num: true },
      { key: 'running', label: 'running', num: true, value: e => e.counts.running || 0, html: e => e.counts.running || '' },
      { key: 'failed', label: 'failed', num: true, value: e => e.counts.failed || 0, html: e => e.counts.failed || '' },
      { key: 'sweeps', label: 'sweeps', num: true },
      { key: 'best_val_accuracy', label: 'best val acc', num: true, html: e => num(e.best_val_accuracy) },
      { key: 'last_activity', label: 'last activity', html: e => esc(when(e.last_activity)) },
    ];
    const afterExperiments = el => el.querySelectorAll('a.exp').forEach(a => a.addEventListener('click', ev => {
      ev.preventDefault();
      select.value = a.dataset.name;
      table.first();
    }));
    if (experimentsTable) experimentsTable.update(o.experiments);
    else experimentsTable = clientTable(main.querySelector('#experiments'), ecols, o.experiments, { after: afterExperiments });
    const scols = [
      { key: 'id', label: 'sweep', html: s => `<a href="/sweeps/${esc(s.id)}">${esc(s.id)}</a>` },
      { key: 'experiment', label: 'experiment' },
      { key: 'status', label: 'status', html: s => badge(s.status) },
      { key: 'strategy', label: 'strategy' },
      { key: 'done', label: 'done / running / queued', value: s => s.counts.completed + s.counts.pruned + s.counts.failed,
        html: s => `${s.counts.completed + s.counts.pruned + s.counts.failed + s.counts.cancelled} / ${s.counts.running} / ${s.counts.queued}` },
      { key: 'best_objective', label: 'best', num: true, html: s => `${num(s.best_objective)} <span class="muted">${esc(s.objective.metric)}</span>` },
      { key: 'created_at', label: 'created', html: s => esc(when(s.created_at)) },
      { key: 'note', label: 'note', html: s => esc((s.note || '').slice(0, 60)) },
    ];
    if (sweepsTable) sweepsTable.update(o.sweeps);
    else sweepsTable = clientTable(main.querySelector('#sweeps'), scols, o.sweeps);
  }
  await loadOverview();
  onChange(() => { loadOverview(); table.reload(); });
}
