// The predict page: upload an image, pick a run, see the top classes with their probabilities,
// preprocessed exactly as the run's training images were.
import { esc, getJson, num } from './api.js';

export async function render(main) {
  const runs = await getJson('/api/runs?status=completed&limit=200&sort=created_at&order=desc');
  const chosen = new URLSearchParams(location.search).get('run');
  main.innerHTML = `<h1>Predict</h1>
    <section class="card">
      <form id="predict" class="row">
        <label>Run <select name="run">${runs.rows.map(r => `<option value="${esc(r.id)}" ${r.id === chosen ? 'selected' : ''}>${esc(r.id)} · ${esc(r.experiment)}
          · test acc ${num(r.test_accuracy)}</option>`).join('')}</select></label>
        <input type="file" name="image" accept="image/png,image/jpeg,image/bmp,image/gif">
        <label>top <input name="top" type="number" value="5" min="1" max="100" style="width: 4em"></label>
        <label><input type="checkbox" name="invert"> invert</label>
        <label>contrast <input name="contrast" size="4" placeholder="1.0"></label>
        <button class="primary" type="submit">Predict</button>
      </form>
      ${runs.rows.length ? '' : '<p class="muted">No completed run has a model yet.</p>'}
    </section>
    <div class="grid"><section class="card"><h2>Image</h2><img id="preview" alt="" style="max-width: 280px; image-rendering: pixelated"></section>
    <section class="card"><h2>Top classes</h2><div id="result" class="muted">Choose an image.</div><div class="chart" id="bars"></div></section></div>`;
  const form = main.querySelector('#predict');
  form.image.addEventListener('change', () => {
    const f = form.image.files[0];
    if (f) main.querySelector('#preview').src = URL.createObjectURL(f);
  });
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const out = main.querySelector('#result');
    if (!form.image.files[0]) { out.innerHTML = '<p class="error">Choose an image first.</p>'; return; }
    const data = new FormData(form);
    out.textContent = 'Predicting…';
    const r = await fetch('/api/predict', { method: 'POST', body: data });
    const body = await r.json();
    if (!r.ok) { out.innerHTML = `<p class="error">${esc(body.error)}</p>`; return; }
    out.innerHTML = `<table class="data predictions"><thead><tr><th>class</th><th class="num">probability</th></tr></thead><tbody>
      ${body.top.map(c => `<tr><td>${esc(c.class_name)}</td><td class="num">${(100 * c.probability).toFixed(2)}%</td></tr>`).join('')}</tbody></table>
      <p class="muted">input ${esc(body.input_shape)}, model of ${esc(body.run_id)}</p>`;
    const chart = echarts.getInstanceByDom(main.querySelector('#bars')) || echarts.init(main.querySelector('#bars'));
    const rows = [...body.top].reverse();
    chart.setOption({ animation: false, grid: { left: 120, right: 50, top: 10, bottom: 20 }, xAxis: { type: 'value', max: 1 },
      yAxis: { type: 'category', data: rows.map(c => c.class_name) },
      series: [{ type: 'bar', data: rows.map(c => c.probability), itemStyle: { color: '#2f6fed' },
        label: { show: true, position: 'right', formatter: p => (100 * p.value).toFixed(1) + '%' } }] }, { notMerge: true });
  });
}
