// Fetching the JSON API, and small formatting helpers shared by the pages.

const prefetched = new Map();

/**
 * Starts GET path at once (the router does, for the page's data, while the page's script loads); the page's
 * first getJson(path) takes that answer instead of asking again.
 */
export function prefetchJson(path) {
  const answer = fetchJson(path);
  answer.catch(() => {});  // the page's getJson sees the error
  prefetched.set(path, answer);
}

/** GET a JSON document; throws an Error with the API's own message when the answer is not 2xx. */
export async function getJson(path) {
  const early = prefetched.get(path);
  if (early) {
    prefetched.delete(path);
    return early;
  }
  return fetchJson(path);
}

async function fetchJson(path) {
  const r = await fetch(path, { headers: { Accept: 'application/json' } });
  const text = await r.text();
  let body;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
  if (!r.ok) {
    const err = new Error((body && body.error) || `${r.status} ${r.statusText}`);
    if (body && body.column) err.column = body.column;
    throw err;
  }
  return body;
}

/** POST a JSON body; answers the JSON document, or throws an Error with the API's own message. */
export async function postJson(path, body) {
  const r = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body) });
  const text = await r.text();
  let doc;
  try { doc = text ? JSON.parse(text) : null; } catch (e) { doc = null; }
  if (!r.ok) throw new Error((doc && doc.error) || `${r.status} ${r.statusText}`);
  return doc;
}

/**
 * A note editor in el for a run or sweep (`/api/runs/ID/note` or `/api/sweeps/ID/note`): the note, and when
 * editable a text area with Save.
 */
export function noteEditor(el, path, note, editable) {
  el.innerHTML = editable
    ? `<textarea class="note-text" rows="2" cols="80" placeholder="A note: what you tried, why it matters">${esc(note || '')}</textarea>
       <div class="row"><button class="note-save">Save note</button><span class="muted note-state"></span></div>`
    : `<p class="note-text">${esc(note || '')}</p>`;
  if (!editable) return;
  const area = el.querySelector('.note-text');
  const state = el.querySelector('.note-state');
  el.querySelector('.note-save').addEventListener('click', async () => {
    try {
      const saved = await postJson(path, { note: area.value });
      area.value = saved.note;
      state.textContent = 'saved';
    } catch (e) {
      state.textContent = e.message;
    }
  });
}

/** Escapes text for HTML. */
export function esc(v) {
  return String(v ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** A number as the tables show it: 4 decimals, NaN/inf kept, blank for none. */
export function num(v, digits = 4) {
  if (v === null || v === undefined || v === '') return '';
  const n = typeof v === 'number' ? v : Number(v);
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '−∞';
  if (Number.isInteger(n) && Math.abs(n) < 1e9) return String(n);
  if (Math.abs(n) >= 1e4 || (Math.abs(n) > 0 && Math.abs(n) < 1e-3)) return n.toExponential(2);
  return n.toFixed(digits);
}

/** A number from the API, where NaN and infinities arrive as strings. */
export function toNumber(v) {
  if (v === null || v === undefined) return null;
  return typeof v === 'number' ? v : Number(v);
}

// One formatter for every date shown (toLocaleString with options builds a new one per call: slow over many rows);
// with both date and time fields given, it formats exactly as toLocaleString did.
const WHEN = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function when(ms) {
  if (!ms) return '';
  return WHEN.format(new Date(ms));
}

export function seconds(s) {
  if (s === null || s === undefined) return '';
  if (s < 60) return `${s.toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

export function badge(status) {
  return `<span class="badge ${esc(status)}">${esc(status)}</span>`;
}

/** Shows an error in place of a page or a card. */
export function showError(el, err) {
  el.innerHTML = `<div class="card"><p class="error">${esc(err.message || err)}</p></div>`;
}
