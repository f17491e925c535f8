// Tables: a client-side sortable one for small lists, and the runs table, which the server sorts,
// filters and pages (so it stays fast with tens of thousands of runs). Rows of any runs table can be
// picked for the compare page; the picks are kept in localStorage.
import { esc, getJson } from './api.js';

const PICKS = 'workbench.compare';

export function picked() {
  try { return JSON.parse(localStorage.getItem(PICKS) || '[]'); } catch (e) { return []; }
}

export function setPicked(ids) {
  localStorage.setItem(PICKS, JSON.stringify([...new Set(ids)].slice(0, 20)));
  document.dispatchEvent(new CustomEvent('picks'));
}

export function togglePick(id, on) {
  const ids = picked().filter(x => x !== id);
  if (on) ids.push(id);
  setPicked(ids);
}

/**
 * A sortable table. columns: [{key, label, num, value(row) -> sortable value, html(row) -> cell html}].
 * It sorts every row but draws the first opts.max (500) of them, with a button for more, so a sweep of
 * 10,000 trials draws in a moment. With opts.first, only that many rows are drawn at first and the rest of
 * the shown rows when rest() is called (or a sort redraws the table): a page can paint its top first. Rows
 * added by rest() get no opts.after: listen on el (delegation) for their controls.
 */
export function clientTable(el, columns, rows, opts = {}) {
  let sort = opts.sort || null;
  let asc = opts.asc ?? false;
  let shown = opts.max || 500;
  let pending = null;
  const row = r => `<tr class="${opts.rowClass ? opts.rowClass(r) : ''}">${columns.map(c =>
    `<td class="${c.num ? 'num' : ''}">${c.html ? c.html(r) : esc(r[c.key])}</td>`).join('')}</tr>`;
  function draw(first) {
    const sorted = [...rows];
    if (sort) {
      const col = columns.find(c => c.key === sort);
      const v = r => { const x = col.value ? col.value(r) : r[col.key]; return x === null || x === undefined || Number.isNaN(x) ? null : x; };
      sorted.sort((a, b) => {
        const x = v(a), y = v(b);
        if (x === null && y === null) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
      });
    }
    const upTo = Math.min(shown, first || shown);
    pending = upTo < Math.min(shown, sorted.length) ? sorted.slice(upTo, shown) : null;
    el.innerHTML = `<div class="scroll"><table class="data"><thead><tr>${columns.map(c =>
      `<th data-key="${esc(c.key)}" class="${c.num ? 'num' : ''} ${sort === c.key ? 'sorted' + (asc ? ' asc' : '') : ''}">${esc(c.label)}</th>`).join('')}
      </tr></thead><tbody>${sorted.slice(0, upTo).map(row).join('')}</tbody></table></div>
      ${sorted.length > shown ? `<p class="muted more-rows">Showing ${shown} of ${sorted.length} <button class="show-more">Show ${Math.min(sorted.length, shown * 4)}</button></p>` : ''}`;
    const more = el.querySelector('.show-more');
    if (more) more.addEventListener('click', () => { shown *= 4; draw(); });
    el.querySelectorAll('th').forEach(th => th.addEventListener('click', () => {
      const k = th.dataset.key;
      if (sort === k) asc = !asc; else { sort = k; asc = false; }
      draw();
    }));
    if (opts.after) opts.after(el);
  }
  draw(opts.first);
  return {
    update(newRows) { rows = newRows; draw(opts.first); },
    /** Draws the shown rows held back by opts.first. */
    rest() {
      if (!pending) return;
      el.querySelector('tbody').insertAdjacentHTML('beforeend', pending.map(row).join(''));
      pending = null;
    },
  };
}

/**
 * The runs table: columns as for clientTable, with `sort` naming the server's sort key.
 * query(): extra query parameters (filters). Returns { reload() }.
 */
export function runsTable(el, columns, query, opts = {}) {
  const state = { sort: opts.sort || 'created_at', order: opts.order || 'desc', offset: 0, limit: opts.limit || 50 };
  async function load() {
    const params = new URLSearchParams(query());
    params.set('sort', state.sort);
    params.set('order', state.order);
    params.set('offset', state.offset);
    params.set('limit', state.limit);
    let page;
    try {
      page = await getJson('/api/runs?' + params.toString());
    } catch (e) {
      if (opts.onError && opts.onError(e)) return;
      el.innerHTML = `<p class="error">${esc(e.message)}</p>`;
      return;
    }
    const picks = new Set(picked());
    const cols = [{ key: '_pick', label: '', html: r => `<input type="checkbox" class="pick" data-id="${esc(r.id)}" ${picks.has(r.id) ? 'checked' : ''}>` }, ...columns];
    el.innerHTML = `<div class="scroll"><table class="data runs"><thead><tr>${cols.map(c =>
      `<th data-key="${esc(c.sort || '')}" class="${c.num ? 'num' : ''} ${c.sort && state.sort === c.sort ? 'sorted' + (state.order === 'asc' ? ' asc' : '') : ''}">${esc(c.label)}</th>`).join('')}
      </tr></thead><tbody>${page.rows.map(r => `<tr data-id="${esc(r.id)}">${cols.map(c =>
        `<td class="${c.num ? 'num' : ''}">${c.html ? c.html(r) : esc(r[c.key])}</td>`).join('')}</tr>`).join('')}</tbody></table></div>
      <div class="pager"><button class="prev" ${state.offset === 0 ? 'disabled' : ''}>‹ Previous</button>
      <span class="muted page-info">${page.total === 0 ? 'no runs match' : `${state.offset + 1}–${state.offset + page.rows.length} of ${page.total.toLocaleString()}`}</span>
      <button class="next" ${state.offset + page.rows.length >= page.total ? 'disabled' : ''}>Next ›</button></div>`;
    el.querySelectorAll('th').forEach(th => th.addEventListener('click', () => {
      const k = th.dataset.key;
      if (!k) return;
      if (state.sort === k) state.order = state.order === 'asc' ? 'desc' : 'asc'; else { state.sort = k; state.order = 'desc'; }
      state.offset = 0;
      load();
    }));
    el.querySelector('.prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - state.limit); load(); });
    el.querySelector('.next').addEventListener('click', () => { state.offset += state.limit; load(); });
    el.querySelectorAll('input.pick').forEach(cb => cb.addEventListener('change', () => togglePick(cb.dataset.id, cb.checked)));
    if (opts.after) opts.after(page);
  }
  load();
  return { reload: load, first() { state.offset = 0; return load(); } };
}
