// The plugins page: every loaded extension by kind, with its plugin, version and parameters.
import { esc, getJson } from './api.js';

export async function render(main) {
  const doc = await getJson('/api/plugins');
  const kinds = [...new Set(doc.extensions.map(e => e.kind))];
  main.innerHTML = `<h1>Plugins</h1>
    ${doc.problems && doc.problems.length ? `<div class="card">${doc.problems.map(p => `<p class="error">${esc(p)}</p>`).join('')}</div>` : ''}
    ${kinds.map(k => `<section class="card"><h2>${esc(k)}s (${doc.extensions.filter(e => e.kind === k).length})</h2>
      ${doc.extensions.filter(e => e.kind === k).map(e => `<details class="extension"><summary><b>${esc(e.id)}</b>
        <span class="muted">— ${esc(e.description)} · ${esc(e.plugin)} ${esc(e.version)}${e.built_in ? ', built-in' : ''}</span></summary>
        ${params(e.parameters)}</details>`).join('')}</section>`).join('')}
    <section class="card"><h2>Training settings</h2>${params(doc.training_settings || [])}</section>`;
}

function params(list) {
  if (!list.length) return '<p class="muted">No parameters.</p>';
  return `<table class="data"><thead><tr><th>parameter</th><th>type</th><th>default</th><th>range / allowed</th><th>description</th></tr></thead>
    <tbody>${list.map(p => `<tr><td>${esc(p.name)}${p.required ? ' *' : ''}</td><td>${esc(p.type)}</td><td>${esc(p.default ?? '')}</td>
    <td>${esc(p.range || (p.allowed || []).join(', '))}</td><td style="white-space: normal">${esc(p.description)}</td></tr>`).join('')}</tbody></table>`;
}
