// The compare page: overlaid curves of any metric for N runs (shared legend; runs that differ only
// in seed drawn as mean ± std), a parameter diff that highlights what differs, final metrics side
// by side, and whether the difference between two configurations is larger than the seed noise.
import { badge, esc, getJson, num, showError, toNumber } from './api.js';
import { COLORS, lineChart } from './charts.js';
import { loadLive } from './live.js';
import { picked, setPicked } from './table.js';

export async function render(main) {
  const ids = (new URLSearchParams(location.search).get('ids') || picked().join(',')).split(',').filter(Boolean);
  if (!ids.length) {
    main.innerHTML = '<h1>Compare</h1><div class="card"><p class="muted">Pick runs in any table (the checkboxes), then come back here.</p></div>';
    return;
  }
  setPicked(ids);
  main.innerHTML = `<h1>Compare ${ids.length} runs</h1>
    <section class="card">
      <div class="row"><label>Metric <select id="metric"></select></label>
        <label>Smoothing <input type="range" id="smoothing" min="0" max="0.95" step="0.05" value="0"></label>
        <label><input type="checkbox" id="log"> log scale</label>
        <label><input type="checkbox" id="group" checked> group seeds (mean ± std)</label></div>
      <div class="chart tall" id="overlay"></div>
    </section>
    <section class="card" id="noise-card" hidden><h2>Is the difference larger than the seed noise?</h2><div id="noise"></div></section>
    <section class="card"><h2>Final metrics</h2><div id="finals"></div></section>
    <section class="card"><h2>Parameters</h2><label><input type="checkbox" id="only-diff" checked> only parameters that differ</label>
      <div id="params"></div></section>`;
  const state = { metric: 'val_loss', smoothing: 0, log: false, group: true, onlyDiff: true };
  let doc;
  async function load() {
    doc = await getJson('/api/compare?ids=' + ids.join(','));
    const keys = [...new Set(doc.runs.flatMap(r => Object.keys(r.final || {})))];
    const sel = main.querySelector('#metric');
    sel.innerHTML = keys.map(k => `<option ${k === state.metric ? 'selected' : ''}>${esc(k)}</option>`).join('');
    if (!keys.includes(state.metric) && keys.length) state.metric = keys[0];
    await drawOverlay();
    drawFinals();
    drawParams();
    drawNoise();
  }

  async function drawOverlay() {
    const curves = await Promise.all(ids.map(id => getJson(`/api/runs/${id}/curves?keys=${encodeURIComponent(state.metric)}&points=600`)));
    const byRun = new Map(ids.map((id, i) => [id, curves[i].series[state.metric]]));
    const series = [];
    const groups = state.group ? (doc.groups || []).filter(g => g.runs.length > 1) : [];
    const grouped = new Set(groups.flatMap(g => g.runs));
    groups.forEach((g, i) => {
      const band = g.curves && g.curves[state.metric];
      if (!band) return;
      series.push({ name: `${g.label} (${g.runs.length} seeds)`, color: COLORS[i % COLORS.length],
        points: band.map(p => [p.epoch, toNumber(p.mean)]), band: band.map(p => [p.epoch, toNumber(p.mean) - toNumber(p.std), toNumber(p.mean) + toNumber(p.std)]) });
    });
    let c = groups.length;
    for (const id of ids) {
      if (grouped.has(id)) continue;
      const s = byRun.get(id);
      if (!s) continue;
      series.push({ name: id, color: COLORS[c++ % COLORS.length], points: s.points.map(([x, y]) => [x, toNumber(y)]), band: s.band });
    }
    lineChart(main.querySelector('#overlay'), { series, yName: state.metric, log: state.log, smoothing: state.smoothing });
  }

  function drawFinals() {
    const keys = [...new Set(doc.runs.flatMap(r => Object.keys(r.final || {})))];
    main.querySelector('#finals').innerHTML = `<div class="scroll"><table class="data"><thead><tr><th>metric</th>${doc.runs.map(r =>
      `<th class="num"><a href="/runs/${esc(r.id)}">${esc(r.id)}</a> ${badge(r.status)}</th>`).join('')}</tr></thead><tbody>
      ${['test_accuracy', 'test_loss', 'best_val_accuracy', 'epochs'].map(k => `<tr><td>${k}</td>${doc.runs.map(r => `<td class="num">${num(r[k])}</td>`).join('')}</tr>`).join('')}
      ${keys.map(k => `<tr><td>final ${esc(k)}</td>${doc.runs.map(r => `<td class="num">${num((r.final || {})[k])}</td>`).join('')}</tr>`).join('')}
      </tbody></table></div>`;
  }

  function drawParams() {
    const rows = doc.params.filter(p => !state.onlyDiff || p.differs);
    main.querySelector('#params').innerHTML = rows.length ? `<div class="scroll"><table class="data params"><thead><tr><th>parameter</th>${doc.runs.map(r =>
      `<th>${esc(r.id)}</th>`).join('')}</tr></thead><tbody>${rows.map(p => `<tr class="${p.differs ? 'diff' : ''}"><td>${esc(p.key)}</td>${p.values.map(v =>
      `<td>${esc(typeof v === 'number' ? num(v, 6) : v ?? '—')}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`
      : '<p class="muted">The runs have the same parameters.</p>';
  }

  function drawNoise() {
    const card = main.querySelector('#noise-card');
    const tests = doc.significance || [];
    if (!tests.length) { card.hidden = true; return; }
    card.hidden = false;
    main.querySelector('#noise').innerHTML = tests.map(t => `<p><b>${esc(t.a)}</b> vs <b>${esc(t.b)}</b> on ${esc(t.metric)}:
      ${esc(t.verdict)}</p>`).join('');
  }

  main.querySelector('#metric').addEventListener('change', e => { state.metric = e.target.value; drawOverlay(); });
  main.querySelector('#smoothing').addEventListener('input', e => { state.smoothing = Number(e.target.value); drawOverlay(); });
  main.querySelector('#log').addEventListener('change', e => { state.log = e.target.checked; drawOverlay(); });
  main.querySelector('#group').addEventListener('change', e => { state.group = e.target.checked; drawOverlay(); });
  main.querySelector('#only-diff').addEventListener('change', e => { state.onlyDiff = e.target.checked; drawParams(); });
  await loadLive(main, load, showError);
}
