// The run page: curves with train and validation together (gap shaded, best / early-stopping /
// overfitting epochs marked), the overfitting summary, learning rate, speed, model summary,
// confusion matrix, per-class report, sample predictions, parameters, error, files.
import { badge, esc, getJson, noteEditor, num, seconds, showError, toNumber, when } from './api.js';
import { heatmap, lineChart } from './charts.js';
import { loadLive } from './live.js';
import { clientTable, picked, togglePick } from './table.js';

const CURVES = ['loss', 'val_loss', 'accuracy', 'val_accuracy', 'lr', 'epoch_seconds', 'samples_per_second'];

export async function render(main, id) {
  main.innerHTML = `<div id="head"></div>
    <section class="card" id="note-card"><h2>Note</h2><div id="note"></div></section>
    <section class="card" id="overfitting-card"><div class="row" style="justify-content: space-between"><h2>Overfitting</h2>
      <label>patience <input type="number" id="patience" min="1" max="50" value="2" style="width: 4em"></label></div>
      <div id="overfitting"></div></section>
    <section class="card">
      <div class="row"><label>Smoothing <input type="range" id="smoothing" min="0" max="0.95" step="0.05" value="0"></label>
        <span id="smoothing-value" class="muted">0</span>
        <label><input type="checkbox" id="log"> log scale (loss)</label></div>
      <div class="grid">
        <div><h2>Loss</h2><div class="chart" id="loss-chart"></div></div>
        <div><h2>Accuracy</h2><div class="chart" id="accuracy-chart"></div></div>
        <div><h2>Learning rate</h2><div class="chart" id="lr-chart"></div></div>
        <div><h2>Speed</h2><div class="chart" id="speed-chart"></div></div>
      </div>
      <div id="batch-card" hidden><h2>Per batch <span class="muted">(batch_loss, batch_accuracy at fractional epochs)</span></h2>
        <div class="chart" id="batch-chart"></div></div>
    </section>
    <div class="grid">
      <section class="card"><h2>Confusion matrix</h2><div class="chart tall" id="confusion"></div></section>
      <section class="card"><h2>Per-class report</h2><div id="report"></div></section>
    </div>
    <section class="card" id="samples-card"><h2>Test images <span class="muted">(misclassified first)</span></h2><div id="samples"></div></section>
    <div class="grid">
      <section class="card"><h2>Model</h2><div id="model"></div></section>
      <section class="card"><h2>Parameters</h2><div id="params"></div></section>
    </div>
    <section class="card" id="error-card" hidden><h2>Error</h2><div id="error"></div></section>
    <section class="card"><h2>Files</h2><div id="files"></div></section>`;

  let run;
  let noteDrawn = false;
  let range = null;
  const controls = { smoothing: 0, log: false };
  main.querySelector('#smoothing').addEventListener('input', e => {
    controls.smoothing = Number(e.target.value);
    main.querySelector('#smoothing-value').textContent = e.target.value;
    drawCurves();
  });
  main.querySelector('#log').addEventListener('change', e => { controls.log = e.target.checked; drawCurves(); });

  let patience = null;
  main.querySelector('#patience').addEventListener('change', e => {
    patience = Math.max(1, Number(e.target.value) || 2);
    load();
  });

  async function load() {
    run = await getJson(`/api/runs/${id}` + (patience ? `?patience=${patience}` : ''));
    drawHead();
    if (!noteDrawn) {
      noteEditor(main.querySelector('#note'), `/api/runs/${id}/note`, run.note, run.notes_editable);
      noteDrawn = true;
    }
    drawOverfitting();
    await drawCurves();
    drawEvaluation();
  }

  function drawHead() {
    const dur = run.duration_seconds ?? (run.started_at ? (Date.now() - run.started_at) / 1000 : null);
    main.querySelector('#head').innerHTML = `
      <div class="row" style="justify-content: space-between">
        <div><h1>${esc(run.id)} <span class="muted">${esc(run.experiment)}</span> ${badge(run.status)}</h1>
          <p class="muted">${run.sweep_id ? `trial of sweep <a href="/sweeps/${esc(run.sweep_id)}">${esc(run.sweep_id)}</a> · ` : ''}seed ${esc(run.seed)} ·
          created ${esc(when(run.created_at))}${dur !== null ? ' · ' + esc(seconds(dur)) : ''}
          ${run.stop_reason ? ' · stopped: ' + esc(typeof run.stop_reason === 'string' ? run.stop_reason : JSON.stringify(run.stop_reason)) : ''}</p></div>
        <div class="row"><label><input type="checkbox" id="pick" ${picked().includes(run.id) ? 'checked' : ''}> compare</label>
          ${run.has_model ? `<a class="button" href="/api/runs/${esc(run.id)}/model"><button>Download model</button></a>` : ''}
          ${run.params && Object.keys(run.params).length ? '<button id="run-again">Run again with changes</button>' : ''}</div>
      </div>
      <div class="card kpis">
        ${kpi('epochs', run.epochs)}${kpi('best val accuracy', num(run.best_val_accuracy))}${kpi('test accuracy', num(run.test_accuracy))}
        ${kpi('test loss', num(run.test_loss))}${run.dataset && run.dataset.input_shape ? kpi('dataset', `${run.dataset.input_shape}, ${run.dataset.train} train`) : ''}
      </div>`;
    main.querySelector('#pick').addEventListener('change', e => togglePick(run.id, e.target.checked));
    const again = main.querySelector('#run-again');
    if (again) {
      again.addEventListener('click', async () => {
        const { toYaml, HANDOVER } = await import('./new.js');
        sessionStorage.setItem(HANDOVER, `# ${run.id}'s resolved configuration\n` + toYaml(run.params).replace(/^\n/, '') + '\n');
        location.href = '/new';
      });
    }
  }

  function drawOverfitting() {
    const o = run.overfitting;
    const el = main.querySelector('#overfitting');
    if (!o) {
      el.innerHTML = '<p class="muted">No validation curve recorded yet.</p>';
      return;
    }
    const verdict = o.onset_epoch
      ? `<div class="note">Validation loss turned up after epoch <b>${o.onset_epoch}</b> while training loss kept falling: the model started to overfit there.</div>`
      : '<p class="muted">No overfitting onset: validation loss did not rise for ' + esc(o.patience) + ' epochs in a row while training loss fell.</p>';
    el.innerHTML = `<div class="kpis">
        ${kpi('best epoch (min val_loss)', o.best_epoch ?? '')}
        ${kpi('gap at best (val − train loss)', num(o.gap_loss_best))}${kpi('gap at last', num(o.gap_loss_last))}
        ${kpi('accuracy gap at best (train − val)', num(o.gap_accuracy_best))}${kpi('accuracy gap at last', num(o.gap_accuracy_last))}
        ${kpi('overfitting onset', o.onset_epoch ?? '—')}${kpi(`early stopping (patience ${o.patience}) stops at`, o.early_stop_epoch ?? '—')}
      </div>${verdict}`;
  }

  async function drawCurves() {
    const params = new URLSearchParams({ keys: [...CURVES, 'batch_loss', 'batch_accuracy'].join(','), points: 600 });
    if (range) { params.set('from', range[0]); params.set('to', range[1]); }
    const curves = await getJson(`/api/runs/${id}/curves?${params}`);
    const s = key => curves.series[key] ? { name: key, points: curves.series[key].points.map(([x, y]) => [x, toNumber(y)]),
      band: curves.series[key].band } : null;
    const o = run.overfitting || {};
    const markers = [
      { x: o.best_epoch, label: 'best', color: '#12b76a', position: 'insideEndTop' },
      { x: o.early_stop_epoch, label: 'early stop', color: '#475467', position: 'insideMiddleTop' },
      { x: o.onset_epoch, label: 'overfitting', color: '#d92d20', position: 'insideStartTop' },
    ];
    const zoom = (from, to) => { range = [Math.floor(from), Math.ceil(to)]; drawCurves(); };
    const loss = [s('loss'), s('val_loss')].filter(Boolean);
    if (loss.length === 2) { loss[0].color = '#2f6fed'; loss[1].color = '#e8590c'; }
    lineChart(main.querySelector('#loss-chart'), { series: loss, yName: 'loss', log: controls.log, smoothing: controls.smoothing,
      markers, gap: ['loss', 'val_loss'], onZoom: zoom });
    const acc = [s('accuracy'), s('val_accuracy')].filter(Boolean);
    if (acc.length === 2) { acc[0].color = '#2f6fed'; acc[1].color = '#e8590c'; }
    lineChart(main.querySelector('#accuracy-chart'), { series: acc, yName: 'accuracy', smoothing: controls.smoothing, markers,
      gap: ['accuracy', 'val_accuracy'], onZoom: zoom });
    lineChart(main.querySelector('#lr-chart'), { series: [s('lr')].filter(Boolean), yName: 'learning rate', log: true });
    // Samples/s (thousands) and seconds per epoch (a few) on one axis would flatten the seconds to zero: two axes.
    const epochSeconds = s('epoch_seconds');
    if (epochSeconds) epochSeconds.axis = 1;
    const speed = [s('samples_per_second'), epochSeconds].filter(Boolean);
    lineChart(main.querySelector('#speed-chart'), { series: speed, yNames: ['samples/s', 's/epoch'] });
    // Per-batch curves, live while the epoch runs, on the epochs' x axis; accuracy on a second axis.
    const batchAcc = s('batch_accuracy');
    if (batchAcc) batchAcc.axis = 1;
    const batch = [s('batch_loss'), batchAcc].filter(Boolean);
    main.querySelector('#batch-card').hidden = batch.length === 0;
    if (batch.length) {
      lineChart(main.querySelector('#batch-chart'), { series: batch, yNames: ['batch_loss', 'batch_accuracy'], smoothing: controls.smoothing,
        onZoom: zoom });
    }
  }

  function drawEvaluation() {
    const labels = run.class_names || [];
    if (run.confusion_matrix && labels.length) {
      heatmap(main.querySelector('#confusion'), run.confusion_matrix, labels);
    } else {
      main.querySelector('#confusion').outerHTML = '<p class="muted" id="confusion">No test evaluation yet.</p>';
    }
    const report = run.classification_report || [];
    clientTable(main.querySelector('#report'), [
      { key: 'class_name', label: 'class' },
      { key: 'precision', label: 'precision', num: true, html: r => num(r.precision) },
      { key: 'recall', label: 'recall', num: true, html: r => num(r.recall) },
      { key: 'f1', label: 'F1', num: true, html: r => num(r.f1) },
      { key: 'support', label: 'support', num: true },
    ], report);
    const samples = run.samples || [];
    const sEl = main.querySelector('#samples');
    if (!samples.length) {
      sEl.innerHTML = '<p class="muted">No test images recorded for this run.</p>';
    } else {
      sEl.innerHTML = `<div class="samples">${samples.map(p => `<figure class="${p.predicted === p.actual ? 'right' : 'wrong'}">
        <img src="${esc(p.image)}" alt="${esc(p.actual)}"><figcaption>${esc(p.predicted)} (${num(p.probability, 2)})<br>
        <span class="muted">true ${esc(p.actual)}</span></figcaption></figure>`).join('')}</div>`;
    }
    const summary = run.model_summary || {};
    const layers = summary.layers || [];
    const total = summary.total_params ?? layers.reduce((n, l) => n + (l.params || 0), 0);
    const trainable = summary.trainable_params ?? total;
    main.querySelector('#model').innerHTML = '<div id="layers"></div>' + (layers.length ? `<p class="muted model-totals">Total params:
      ${total.toLocaleString()} · trainable: ${trainable.toLocaleString()} · non-trainable: ${(total - trainable).toLocaleString()}</p>` : '');
    clientTable(main.querySelector('#layers'), [
      { key: 'name', label: 'layer' }, { key: 'type', label: 'type' }, { key: 'output_shape', label: 'output shape' },
      { key: 'params', label: 'params', num: true, html: l => (l.params || 0).toLocaleString() },
    ], layers);
    const flat = Object.entries(run.flat_params || {}).map(([key, value]) => ({ key, value }));
    clientTable(main.querySelector('#params'), [{ key: 'key', label: 'parameter' },
      { key: 'value', label: 'value', html: p => esc(typeof p.value === 'number' ? num(p.value, 6) : p.value) }], flat);
    if (run.error) {
      main.querySelector('#error-card').hidden = false;
      const first = String(run.error).split('\n')[0];
      main.querySelector('#error').innerHTML = `<p class="error">${esc(first)}</p><pre class="trace">${esc(run.error)}</pre>`;
    }
    main.querySelector('#files').innerHTML = (run.artifacts || []).map(a => `<div>${esc(a.kind)}: <code>${esc(a.relative_path)}</code>
      <span class="muted">${(a.size_bytes / 1024).toFixed(1)} KiB</span></div>`).join('') || '<p class="muted">None yet.</p>';
  }

  await loadLive(main, load, showError);
}

function kpi(label, value) {
  return `<div class="kpi"><div class="v">${esc(value ?? '')}</div><div class="k">${esc(label)}</div></div>`;
}
