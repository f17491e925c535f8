// Chart helpers over ECharts: curves with optional min-max bands (from the server's downsampling),
// a shaded gap between two curves, vertical markers, EMA smoothing, log scale and a second y axis.
import { esc } from './api.js';

export const COLORS = ['#2f6fed', '#e8590c', '#12b76a', '#7a5af8', '#d92d20', '#0e9384', '#c11574', '#f79009', '#475467', '#6172f3'];

/**
 * Time-weighted exponential moving average, debiased (as TensorBoard's smoothing slider):
 * weight 0 returns the points unchanged. points: [[x, y], ...]; non-finite y values are kept as gaps.
 */
export function ema(points, weight) {
  if (!weight) return points;
  let last = 0;
  let debias = 0;
  return points.map(([x, y]) => {
    if (y === null || !Number.isFinite(y)) return [x, y];
    last = last * weight + (1 - weight) * y;
    debias = debias * weight + (1 - weight);
    return [x, last / debias];
  });
}

function finite(points) {
  return points.map(([x, y]) => [x, y === null || !Number.isFinite(Number(y)) ? null : Number(y)]);
}

/** A shaded region between a lower and an upper curve: points [[x, lo, hi], ...] drawn as one polygon. */
function area(points, color, opacity, yAxisIndex = 0) {
  const pts = points.filter(([x, lo, hi]) => Number.isFinite(lo) && Number.isFinite(hi));
  return {
    type: 'custom', silent: true, tooltip: { show: false }, z: 1, yAxisIndex,
    data: pts.length ? [0] : [],
    renderItem: (params, api) => {
      if (!pts.length) return null;
      const upper = pts.map(([x, , hi]) => api.coord([x, hi]));
      const lower = pts.map(([x, lo]) => api.coord([x, lo])).reverse();
      return { type: 'polygon', shape: { points: upper.concat(lower) }, style: { fill: color, opacity },
        clipPath: { type: 'rect', shape: { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height } } };
    },
  };
}

/**
 * Draws (or redraws) a line chart into el.
 * spec: { series: [{ name, points, color, dashed, band: [[x, lo, hi]], area, axis }], xName, yName, log, smoothing,
 *         markers: [{ x, label, color }], gap: [nameA, nameB] (shade between two series), onZoom(from, to),
 *         yNames: [left, right] }
 * A series with axis: 1 is drawn against a second y axis on the right (named yNames[1]), for two
 * quantities of different units or sizes in one chart (samples/s and seconds per epoch).
 */
export function lineChart(el, spec) {
  const chart = echarts.getInstanceByDom(el) || echarts.init(el);
  const series = [];
  const axisColors = [];
  spec.series.forEach((s, i) => {
    const color = s.color || COLORS[i % COLORS.length];
    const yAxisIndex = s.axis === 1 ? 1 : 0;
    axisColors[yAxisIndex] = axisColors[yAxisIndex] || color;
    if (s.band && s.band.length) {
      series.push(area(s.band.map(([x, lo, hi]) => [x, Number(lo), Number(hi)]), color, 0.15, yAxisIndex));
    }
    const pts = ema(finite(s.points), spec.smoothing || 0);
    series.push({ name: s.name, type: 'line', data: pts, showSymbol: pts.length < 60, symbolSize: 5, connectNulls: false,
      lineStyle: { color, width: 2, type: s.dashed ? 'dashed' : 'solid' }, itemStyle: { color },
      emphasis: { focus: 'series' }, yAxisIndex });
    if (spec.smoothing && s.points.length) {
      series.push({ name: s.name, type: 'line', data: finite(s.points), symbol: 'none', lineStyle: { color, width: 1, opacity: 0.25 },
        tooltip: { show: false }, silent: true, yAxisIndex });
    }
  });
  const twoAxes = spec.series.some(s => s.axis === 1);
  const yNames = spec.yNames || [spec.yName || ''];
  const leftAxis = { type: spec.log && logUseful(spec.series.filter(s => s.axis !== 1)) ? 'log' : 'value', name: yNames[0] || '',
    scale: true };
  const yAxis = twoAxes ? [
    { ...leftAxis, axisLine: { show: true, lineStyle: { color: axisColors[0] } } },
    { type: 'value', name: yNames[1] || '', scale: true, position: 'right', splitLine: { show: false },
      axisLine: { show: true, lineStyle: { color: axisColors[1] } } },
  ] : leftAxis;
  if (spec.gap) {
    const [a, b] = spec.gap.map(n => spec.series.find(s => s.name === n));
    if (a && b) {
      const bx = new Map(finite(b.points).map(([x, y]) => [x, y]));
      const band = [];
      for (const [x, y] of finite(a.points)) {
        const z = bx.get(x);
        if (y === null || z === null || z === undefined) continue;
        band.push([x, Math.min(y, z), Math.max(y, z)]);
      }
      series.push(area(band, '#f79009', 0.18));
    }
  }
  if (spec.markers && spec.markers.length && series.length) {
    const target = series.find(s => s.lineStyle && s.lineStyle.width === 2) || series[0];
    target.markLine = {
      symbol: 'none', silent: true,
      data: spec.markers.filter(m => m.x !== null && m.x !== undefined).map(m => ({
        xAxis: m.x, label: { formatter: m.label, position: m.position || 'insideEndTop', color: m.color || '#475467' },
        lineStyle: { color: m.color || '#475467', type: 'dashed' } })),
    };
  }
  const names = [...new Set(spec.series.map(s => s.name))];
  chart.setOption({
    animation: false,
    grid: { left: 56, right: twoAxes ? 64 : 24, top: twoAxes ? 52 : 36, bottom: 56 },
    tooltip: { trigger: 'axis', valueFormatter: v => (typeof v === 'number' ? (Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(3) : v.toFixed(4)) : v) },
    legend: { data: names, top: 0 },
    xAxis: { type: 'value', name: spec.xName || 'epoch', nameLocation: 'middle', nameGap: 28, min: 'dataMin', max: 'dataMax',
      minInterval: spec.integerX === false ? 0 : 1 },
    yAxis,
    dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }, { type: 'slider', xAxisIndex: 0, height: 16, bottom: 4 }],
    series,
  }, { notMerge: true });
  if (spec.onZoom) {
    chart.off('datazoom');
    chart.on('datazoom', () => {
      const opt = chart.getOption().dataZoom[0];
      spec.onZoom(opt.startValue, opt.endValue);
    });
  }
  return chart;
}

/** A log axis only helps (and only works) when every value is positive and they span more than a factor of 10. */
function logUseful(series) {
  const ys = series.flatMap(s => s.points.map(([, y]) => Number(y))).filter(Number.isFinite);
  if (!ys.length || ys.some(y => y <= 0)) return false;
  return Math.max(...ys) / Math.min(...ys) > 10;
}

/** A heatmap of a square matrix with row/column labels (a confusion matrix: rows true, columns predicted). */
export function heatmap(el, matrix, labels) {
  const chart = echarts.getInstanceByDom(el) || echarts.init(el);
  const data = [];
  let max = 0;
  matrix.forEach((row, i) => row.forEach((v, j) => { data.push([j, i, v]); max = Math.max(max, v); }));
  chart.setOption({
    animation: false,
    // Class names come from the run's files: text, never markup.
    tooltip: { formatter: p => `true ${esc(labels[p.value[1]])}<br>predicted ${esc(labels[p.value[0]])}: ${esc(p.value[2])}` },
    grid: { left: 110, right: 30, top: 10, bottom: 90 },
    xAxis: { type: 'category', data: labels, name: 'predicted', nameLocation: 'middle', nameGap: 70, axisLabel: { rotate: 40 } },
    yAxis: { type: 'category', data: labels, name: 'true', inverse: true },
    visualMap: { min: 0, max: Math.max(1, max), calculable: false, orient: 'horizontal', show: false,
      inRange: { color: ['#f8fafc', '#2f6fed'] } },
    series: [{ type: 'heatmap', data, label: { show: labels.length <= 12, fontSize: 11 } }],
  }, { notMerge: true });
  return chart;
}

window.addEventListener('resize', () => document.querySelectorAll('.chart').forEach(el => {
  const c = echarts.getInstanceByDom(el);
  if (c) c.resize();
}));
