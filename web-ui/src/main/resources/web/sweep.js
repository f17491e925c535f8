// The sweep page: trials table (parameters and metrics as columns), parallel coordinates of the
// parameters against the objective, parameter-vs-objective scatter, best so far by trial number,
// parameter importance, the overfitting gap against a parameter, pruned and failed trials explained,
// running trials live.
import { badge, esc, getJson, noteEditor, num, postJson, showError, when } from './api.js';
import { COLORS } from './charts.js';
import { loadLive } from './live.js';
import { clientTable, picked, setPicked, togglePick } from './table.js';

export async function render(main, id) {
  main.innerHTML = `<div id="head"></div>
    <section class="card" id="controls"><div class="row"><button id="sweep-pause">Pause</button><button id="sweep-resume">Resume</button>
      <label>Extend by <input id="extend-trials" type="number" min="1" max="10000" value="4" style="width: 5em"> trials</label>
      <button id="sweep-extend">Extend</button><button id="sweep-cancel">Cancel sweep</button>
      <span id="control-state" class="muted"></span></div></section>
    <div class="grid" id="multi" style="display: none">
      <section class="card"><h2>Pareto front</h2><div class="row" id="pareto-axes"></div><div class="chart" id="pareto"></div></section>
      <section class="card"><h2>Hypervolume by trial</h2><div class="chart" id="hypervolume"></div>
        <p class="muted" id="hypervolume-note"></p></section>
    </div>
    <section class="card" id="note-card"><h2>Note</h2><div id="note"></div></section>
    <section class="card"><h2>Trials</h2><div id="trials"></div>
      <div class="row" style="margin-top: 8px"><button id="compare-best">Compare the 5 best</button>
      <a href="/api/export?sweep=${esc(id)}&format=csv">Export CSV</a> <a href="/api/export?sweep=${esc(id)}&format=csv&kind=epochs">epochs CSV</a>
      <a href="/api/export?sweep=${esc(id)}&format=json">JSON</a></div></section>
    <div class="grid">
      <section class="card"><h2>Parallel coordinates</h2><div class="chart tall" id="parallel"></div></section>
      <section class="card"><h2>Parameter importance</h2><div id="importance"></div></section>
    </div>
    <div class="grid">
      <section class="card"><h2>Best so far</h2><div class="chart" id="best-so-far"></div></section>
      <section class="card"><h2>Parameter vs objective</h2>
        <div class="row"><select id="scatter-param"></select><select id="scatter-y"></select></div>
        <div class="chart" id="scatter"></div></section>
    </div>
    <section class="card"><h2>Workers</h2><div id="workers"></div></section>`;
  let sweep;
  let noteDrawn = false;
  let scatterParam = null;
  let scatterY = 'objective';

  // Each load draws the head and the trials table first, lets the browser paint them, then draws the charts
  // one at a time with a paint between (a sweep of 10,000 trials shows its table at once, not after every
  // chart). A newer load (live updates) supersedes one still drawing.
  let generation = 0;
  function painted(gen) {
    return new Promise(resolve => {
      let done = false;
      // After the frame, a short idle pause: input, scrolling and other tasks get in between the drawing steps.
      const go = () => { if (!done) { done = true; setTimeout(() => resolve(gen === generation), 30); } };
      requestAnimationFrame(go);
      setTimeout(go, 100);  // a hidden tab gets no animation frames
    });
  }

  async function load() {
    const gen = ++generation;
    const s = await getJson(`/api/sweeps/${id}`);
    if (gen !== generation) return;
    sweep = s;
    performance.mark('sweep:data');
    if (!noteDrawn) {
      noteEditor(main.querySelector('#note'), `/api/sweeps/${id}/note`, s.note, s.notes_editable);
      noteDrawn = true;
    }
    const done = s.counts.completed + s.counts.pruned + s.counts.failed + s.counts.cancelled;
    main.querySelector('#head').innerHTML = `<h1>${esc(s.id)} <span class="muted">${esc(s.experiment)}</span> ${badge(s.status)}</h1>
      <p class="muted">${esc(s.strategy)} · ${esc(s.objective.direction)} ${esc(s.objective.metric)} (${esc(s.objective.over)} epoch)
      · budget ${s.budget.trials ?? '∞'} configurations${s.budget.max_minutes ? ', ' + s.budget.max_minutes + ' min' : ''}
      · created ${esc(when(s.created_at))}${s.reason ? ' · ' + esc(s.reason) : ''}</p>
      <div class="card kpis"><div class="kpi"><div class="v">${done}</div><div class="k">done</div></div>
      <div class="kpi"><div class="v">${s.counts.running}</div><div class="k">running</div></div>
      <div class="kpi"><div class="v">${s.counts.queued}</div><div class="k">queued</div></div>
      <div class="kpi"><div class="v">${s.counts.pruned}</div><div class="k">pruned</div></div>
      <div class="kpi"><div class="v">${s.counts.failed}</div><div class="k">failed</div></div>
      <div class="kpi"><div class="v">${num(s.best_objective)}</div><div class="k">best ${esc(s.objective.metric)}
        ${s.best_trial ? `(<a href="/runs/${esc(s.best_trial)}">${esc(s.best_trial)}</a>)` : ''}</div></div></div>`;
    const paramKeys = [...new Set(s.trials.flatMap(t => Object.keys(t.params)))];
    const picks = new Set(picked());
    const cols = [
      { key: 'pick', label: '', html: t => `<input type="checkbox" class="pick" data-id="${esc(t.id)}" ${picks.has(t.id) ? 'checked' : ''}>` },
      { key: 'number', label: '#', num: true },
      { key: 'id', label: 'run', html: t => `<a href="/runs/${esc(t.id)}">${esc(t.id)}</a>` },
      { key: 'status', label: 'status', html: t => badge(t.status) },
      { key: 'epochs', label: 'epochs', num: true },
      { key: 'objective', label: s.objective.metric, num: true, value: t => t.objective, html: t => num(t.objective) },
      ...(s.trials.some(t => t.gap_loss_last !== undefined) ? [
        { key: 'gap_loss_last', label: 'gap (val − train loss)', num: true, html: t => num(t.gap_loss_last) },
        { key: 'onset_epoch', label: 'overfit from', num: true, html: t => t.onset_epoch ?? '' }] : []),
      ...paramKeys.map(k => ({ key: 'p:' + k, label: k.replace(/^(training|architecture\.params)\./, ''), num: true,
        value: t => t.params[k], html: t => esc(typeof t.params[k] === 'number' ? num(t.params[k], 6) : t.params[k] ?? '') })),
      { key: 'attempts', label: 'attempts', num: true },
      { key: 'reason', label: 'note', html: t => t.status === 'completed' ? '' : `<span class="muted">${esc(t.reason || '')}</span>` },
      { key: 'control', label: '', html: t => (t.status === 'running' || t.status === 'queued'
        ? `<button class="trial-stop" data-id="${esc(t.id)}">Stop</button>` : '')
        + (t.status === 'running' ? ` <button class="trial-requeue" data-id="${esc(t.id)}">Re-queue</button>` : '') },
    ];
    const dirAsc = s.objective.direction === 'minimize';
    // The first 100 rows now, the rest of the first 500 once the charts are drawn (picks: one listener, below).
    const trialsTable = clientTable(main.querySelector('#trials'), cols, s.trials, { sort: 'objective', asc: dirAsc, first: 100,
      rowClass: t => t.status === 'failed' || t.status === 'pruned' ? 'diff' : '' });
    drawControls(s);
    clientTable(main.querySelector('#workers'), [
      { key: 'id', label: 'worker' }, { key: 'host', label: 'host' }, { key: 'device', label: 'device' },
      { key: 'threads', label: 'threads', num: true }, { key: 'job_id', label: 'job' }, { key: 'state', label: 'state' },
      { key: 'trial', label: 'trial', html: w => w.trial ? `<a href="/runs/${esc(w.trial)}">${esc(w.trial)}</a>` : '' },
      { key: 'last_seen_at', label: 'last heartbeat', html: w => esc(when(w.last_seen_at)) },
    ], s.workers);
    performance.mark('sweep:table');
    if (!await painted(gen)) return;
    performance.mark('sweep:painted');
    drawParallel(s, paramKeys);
    performance.mark('sweep:parallel');
    if (!await painted(gen)) return;
    drawMulti(s);
    drawBestSoFar(s);
    performance.mark('sweep:best');
    if (!await painted(gen)) return;
    drawScatter(s, paramKeys);
    drawImportance(s);
    performance.mark('sweep:charts');
    if (!await painted(gen)) return;
    trialsTable.rest();
    performance.mark('sweep:rows');
  }

  function numeric(values) {
    return values.every(v => v === undefined || v === null || typeof v === 'number');
  }

  /**
   * The axis a parameter's values go on, following its distribution in the sweep's search space:
   * 'log' for log_uniform and log-scale int, 'value' for other numbers, 'category' for words. A sweep
   * whose search space is not recorded falls back to log when positive values span more than 50x.
   */
  function axisType(s, key, values) {
    if (!numeric(values)) return 'category';
    const present = values.filter(v => v !== undefined && v !== null);
    const positive = present.length > 0 && present.every(v => v > 0);
    const d = (s.search_space || {})[key];
    if (d && typeof d === 'object') {
      return positive && (d.log_uniform || (d.int && d.log === true)) ? 'log' : 'value';
    }
    return positive && Math.max(...present) / Math.min(...present) > 50 ? 'log' : 'value';
  }

  function drawParallel(s, keys) {
    const el = main.querySelector('#parallel');
    const chart = echarts.getInstanceByDom(el) || echarts.init(el);
    const dims = keys.map((k, i) => {
      const values = s.trials.map(t => t.params[k]);
      const type = axisType(s, k, values);
      if (type !== 'category') {
        return { dim: i, name: k.split('.').pop(), type, scale: true };
      }
      return { dim: i, name: k.split('.').pop(), type: 'category', data: [...new Set(values.map(String))] };
    });
    dims.push({ dim: keys.length, name: s.objective.metric, type: 'value', scale: true });
    // Plain arrays (cheap for ECharts at 10,000 lines); pruned trials, drawn orange, as items with their own style.
    const rows = s.trials.filter(t => t.objective !== null && t.objective !== undefined).map(t => {
      const value = [...keys.map((k, i) => dims[i].type === 'category' ? String(t.params[k]) : t.params[k]), t.objective];
      return t.status === 'pruned' ? { value, lineStyle: { color: '#f79009' } } : value;
    });
    const objs = rows.map(r => (Array.isArray(r) ? r : r.value)[keys.length]);
    chart.setOption({
      animation: false,
      parallelAxis: dims,
      parallel: { left: 40, right: 80, top: 30, bottom: 30 },
      // Coloured by the objective once a trial has one (a range over no values breaks ECharts' gradient).
      ...(objs.length === 0 ? {} : { visualMap: { show: true, dimension: keys.length, min: Math.min(...objs), max: Math.max(...objs),
        right: 0, top: 'center', inRange: { color: s.objective.direction === 'maximize' ? ['#d0d5dd', '#2f6fed'] : ['#2f6fed', '#d0d5dd'] },
        precision: 4, calculable: true } }),
      // Thin, faint lines when there are thousands.
      // Thousands are drawn in chunks of 2,500 a frame (ECharts' default, 500, spends more on the frames than the lines).
      series: [{ type: 'parallel', lineStyle: rows.length > 1000 ? { width: 1, opacity: 0.25 } : { width: 2, opacity: 0.7 }, data: rows,
        progressive: 2500, progressiveThreshold: 3000 }],
    }, { notMerge: true });
  }

  function drawBestSoFar(s) {
    const el = main.querySelector('#best-so-far');
    const chart = echarts.getInstanceByDom(el) || echarts.init(el);
    const max = s.objective.direction === 'maximize';
    const done = s.trials.filter(t => t.objective !== null && t.objective !== undefined).sort((a, b) => a.number - b.number);
    // The step line needs only the trials that improve on the best and the last one (the same line, a few points
    // rather than one per trial).
    let best = null;
    const bestLine = [];
    done.forEach((t, i) => {
      const next = best === null ? t.objective : (max ? Math.max(best, t.objective) : Math.min(best, t.objective));
      if (next !== best || i === done.length - 1) bestLine.push([t.number, next]);
      best = next;
    });
    chart.setOption({
      animation: false, grid: { left: 56, right: 24, top: 30, bottom: 40 }, tooltip: { trigger: 'item' },
      legend: { data: ['trial', 'best so far'] },
      xAxis: { type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 26, minInterval: 1 },
      yAxis: { type: 'value', name: s.objective.metric, scale: true },
      series: [
        // Pruned trials in orange as a second series of the same name (one legend entry): each series one
        // colour, so ECharts draws thousands of points as one shape (large mode, from 2,000 points).
        { name: 'trial', type: 'scatter', large: true, itemStyle: { color: '#98a2b3' },
          data: done.filter(t => t.status !== 'pruned').map(t => [t.number, t.objective]) },
        { name: 'trial', type: 'scatter', large: true, itemStyle: { color: '#f79009' },
          data: done.filter(t => t.status === 'pruned').map(t => [t.number, t.objective]) },
        { name: 'best so far', type: 'line', step: 'end', data: bestLine, lineStyle: { color: '#12b76a', width: 2 }, showSymbol: false },
      ],
    }, { notMerge: true });
  }

  function drawScatter(s, keys) {
    const pSel = main.querySelector('#scatter-param');
    const ySel = main.querySelector('#scatter-y');
    scatterParam = scatterParam && keys.includes(scatterParam) ? scatterParam : keys[0];
    pSel.innerHTML = keys.map(k => `<option ${k === scatterParam ? 'selected' : ''}>${esc(k)}</option>`).join('');
    const yOptions = ['objective', ...(s.trials.some(t => t.gap_loss_last !== undefined) ? ['gap_loss_last', 'gap_loss_best'] : [])];
    ySel.innerHTML = yOptions.map(k => `<option ${k === scatterY ? 'selected' : ''}>${esc(k)}</option>`).join('');
    pSel.onchange = () => { scatterParam = pSel.value; drawScatter(s, keys); };
    ySel.onchange = () => { scatterY = ySel.value; drawScatter(s, keys); };
    if (!scatterParam) return;
    const el = main.querySelector('#scatter');
    const chart = echarts.getInstanceByDom(el) || echarts.init(el);
    const values = s.trials.map(t => t.params[scatterParam]);
    const categorical = !numeric(values);
    const cats = categorical ? [...new Set(values.map(String))] : null;
    // One series per colour (the others, pruned in orange, failed in red), so that thousands of points are
    // drawn as one shape each (ECharts' large mode, from 2,000 points); the other trials come first.
    // Thousands of points go as plain [x, y, id] arrays (cheaper to read), fewer as {value: [x, y, id]} items.
    const colour = t => t.status === 'pruned' ? 1 : t.status === 'failed' ? 2 : 0;
    const groups = [[], [], []];
    const shown = s.trials.filter(t => t[scatterY] !== null && t[scatterY] !== undefined);
    const item = shown.length > 2000 ? v => v : v => ({ value: v });
    shown.forEach(t => groups[colour(t)].push(item([categorical ? String(t.params[scatterParam]) : t.params[scatterParam], t[scatterY], t.id])));
    chart.setOption({
      animation: false, grid: { left: 56, right: 24, top: 20, bottom: 40 },
      // Parameter values and ids come from the sweep's files: text, never markup.
      tooltip: { formatter: p => `${esc(p.value[2])}: ${esc(p.value[0])} → ${esc(num(p.value[1]))}` },
      xAxis: categorical ? { type: 'category', data: cats, name: scatterParam, nameLocation: 'middle', nameGap: 26 }
        : { type: axisType(s, scatterParam, values), name: scatterParam, nameLocation: 'middle', nameGap: 26, scale: true },
      yAxis: { type: 'value', name: scatterY === 'objective' ? s.objective.metric : scatterY, scale: true },
      series: groups.map((data, i) => ({ type: 'scatter', data, symbolSize: 10, large: true,
        itemStyle: { color: [COLORS[0], '#f79009', '#d92d20'][i] } })),
    }, { notMerge: true });
    chart.off('click');
    chart.on('click', p => { location.href = '/runs/' + p.value[2]; });
  }

  function drawImportance(s) {
    const el = main.querySelector('#importance');
    const imp = s.importance;
    if (!imp || !imp.importances || !imp.importances.length) {
      el.innerHTML = `<p class="muted">${esc((imp && imp.reason) || 'Not enough finished trials yet.')}</p>`;
      return;
    }
    el.innerHTML = `<div class="chart" id="importance-chart"></div><p class="muted">${esc(imp.method || '')}, ${imp.trials} trials</p>`;
    const chart = echarts.init(el.querySelector('#importance-chart'));
    const rows = [...imp.importances].reverse();
    chart.setOption({
      animation: false, grid: { left: 160, right: 30, top: 10, bottom: 30 },
      xAxis: { type: 'value', max: 1 }, yAxis: { type: 'category', data: rows.map(r => r.parameter) },
      series: [{ type: 'bar', data: rows.map(r => r.importance), itemStyle: { color: '#2f6fed' },
        label: { show: true, position: 'right', formatter: p => (100 * p.value).toFixed(0) + '%' } }],
    }, { notMerge: true });
  }

  function drawControls(s) {
    const live = s.status === 'running' || s.status === 'queued';
    main.querySelector('#sweep-pause').disabled = !live;
    main.querySelector('#sweep-resume').disabled = s.status !== 'paused' && s.status !== 'interrupted';
    main.querySelector('#sweep-extend').disabled = live || s.status === 'cancelled';
    main.querySelector('#sweep-cancel').disabled = !(live || s.status === 'paused' || s.status === 'interrupted');
  }

  /** The Pareto front of two objectives (a pair of axes chosen among more) and the hypervolume after each trial. */
  let paretoAxes = [0, 1];
  function drawMulti(s) {
    const objectives = s.objectives || [];
    const box = main.querySelector('#multi');
    box.style.display = objectives.length < 2 ? 'none' : '';
    if (objectives.length < 2) return;
    const axesEl = main.querySelector('#pareto-axes');
    const names = objectives.map(o => `${o.metric} (${o.direction})`);
    if (objectives.length > 2) {
      axesEl.innerHTML = [0, 1].map(a => `<select class="pareto-axis" data-axis="${a}">${names.map((n, i) =>
        `<option value="${i}" ${i === paretoAxes[a] ? 'selected' : ''}>${esc(n)}</option>`).join('')}</select>`).join(' against ');
      axesEl.querySelectorAll('.pareto-axis').forEach(sel => sel.addEventListener('change', () => {
        paretoAxes[Number(sel.dataset.axis)] = Number(sel.value);
        drawMulti(sweep);
      }));
    }
    const [a, b] = paretoAxes;
    const front = new Set(s.pareto || []);
    const done = s.trials.filter(t => t.status === 'completed' && t.objectives && t.objectives[a] != null && t.objectives[b] != null);
    const point = t => ({ value: [t.objectives[a], t.objectives[b], t.id] });
    const frontPts = done.filter(t => front.has(t.id)).map(point).sort((p, q) => p.value[0] - q.value[0]);
    const el = main.querySelector('#pareto');
    const chart = echarts.getInstanceByDom(el) || echarts.init(el);
    chart.setOption({
      animation: false, grid: { left: 64, right: 24, top: 30, bottom: 44 }, legend: { data: ['trials', 'Pareto-optimal'] },
      tooltip: { formatter: p => `${esc(p.value[2])}: ${esc(num(p.value[0]))}, ${esc(num(p.value[1]))}` },
      xAxis: { type: 'value', name: names[a], nameLocation: 'middle', nameGap: 28, scale: true },
      yAxis: { type: 'value', name: names[b], scale: true },
      series: [
        { name: 'trials', type: 'scatter', data: done.filter(t => !front.has(t.id)).map(point), itemStyle: { color: '#98a2b3' }, symbolSize: 9 },
        { name: 'Pareto-optimal', type: 'scatter', data: frontPts, itemStyle: { color: '#d92d20' }, symbolSize: 12 },
        ...(objectives.length === 2 ? [{ name: 'front', type: 'line', data: frontPts, step: 'end', showSymbol: false, silent: true,
          lineStyle: { color: '#d92d20', type: 'dashed' } }] : []),
      ],
    }, { notMerge: true });
    chart.off('click');
    chart.on('click', p => { if (p.value && p.value[2]) location.href = '/runs/' + p.value[2]; });
    const hv = s.hypervolume || { by_trial: [] };
    const hvEl = main.querySelector('#hypervolume');
    const hvChart = echarts.getInstanceByDom(hvEl) || echarts.init(hvEl);
    hvChart.setOption({
      animation: false, grid: { left: 64, right: 24, top: 20, bottom: 44 }, tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 28, minInterval: 1 },
      yAxis: { type: 'value', name: 'hypervolume', scale: true },
      series: [{ type: 'line', step: 'end', data: hv.by_trial, lineStyle: { color: '#12b76a', width: 2 } }],
    }, { notMerge: true });
    main.querySelector('#hypervolume-note').textContent = hv.reference
      ? 'Volume the completed trials dominate, each objective as a loss, up to a reference 10 % of its range beyond the worst value.' : '';
  }

  async function control(path, body, what) {
    const stateEl = main.querySelector('#control-state');
    stateEl.textContent = what + '…';
    try {
      const r = await postJson(path, body || {});
      stateEl.textContent = r.message || 'done';
    } catch (err) {
      stateEl.innerHTML = `<span class="error">${esc(err.message)}</span>`;
    }
  }

  main.addEventListener('click', e => {
    const t = e.target;
    if (t.id === 'sweep-pause') return control(`/api/sweeps/${id}/pause`, {}, 'Pausing');
    if (t.id === 'sweep-resume') return control(`/api/sweeps/${id}/resume`, {}, 'Resuming');
    if (t.id === 'sweep-extend') {
      return control(`/api/sweeps/${id}/extend`, { trials: Number(main.querySelector('#extend-trials').value) }, 'Extending');
    }
    if (t.id === 'sweep-cancel') {
      if (!confirm(`Cancel sweep ${id} and its queued and running trials?`)) return;
      return control(`/api/sweeps/${id}/cancel`, {}, 'Cancelling');
    }
    if (t.classList.contains('trial-stop')) return control(`/api/runs/${t.dataset.id}/stop`, {}, 'Stopping ' + t.dataset.id);
    if (t.classList.contains('trial-requeue')) return control(`/api/runs/${t.dataset.id}/requeue`, {}, 'Re-queueing ' + t.dataset.id);
  });

  main.querySelector('#trials').addEventListener('change', e => {
    if (e.target.matches('input.pick')) togglePick(e.target.dataset.id, e.target.checked);
  });

  main.addEventListener('click', e => {
    if (e.target.id !== 'compare-best' || !sweep) return;
    const max = sweep.objective.direction === 'maximize';
    const best = sweep.trials.filter(t => t.objective !== null && t.objective !== undefined)
      .sort((a, b) => (max ? b.objective - a.objective : a.objective - b.objective)).slice(0, 5).map(t => t.id);
    setPicked(best);
    location.href = '/compare?ids=' + best.join(',');
  });
  await loadLive(main, load, showError);
}
