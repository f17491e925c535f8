// Live updates: one WebSocket per page (reconnecting when it drops); pages register a reload
// function that runs, at most every 1.5 s, whenever the server says the store changed.

const listeners = new Set();
let timer = null;
let pending = false;
let lastStamp = null;
let socket = null;
let retry = 1000;

/** Loads a page (showing an error in place of it when that fails), then reloads it on every change. */
export async function loadLive(main, load, showError) {
  try {
    await load();
  } catch (e) {
    showError(main, e);
    return;
  }
  onChange(() => load().catch(() => {}));
}

export function onChange(reload) {
  listeners.add(reload);
  return () => listeners.delete(reload);
}

function fire() {
  if (timer) { pending = true; return; }
  listeners.forEach(f => { try { f(); } catch (e) { console.error(e); } });
  timer = setTimeout(() => { timer = null; if (pending) { pending = false; fire(); } }, 1500);
}

export function connect() {
  const badge = document.getElementById('live');
  socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/live');
  socket.onopen = () => { badge.className = 'live on'; retry = 1000; };
  socket.onmessage = e => {
    const stamp = JSON.parse(e.data).stamp;
    if (lastStamp !== null && stamp !== lastStamp) fire();
    lastStamp = stamp;
  };
  socket.onclose = () => {
    badge.className = 'live off';
    if (socket && socket.closedOnPurpose) return;
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 15000);
  };
}

// A page put in the back-forward cache lets its socket go, and takes a new one when it comes back.
window.addEventListener('pagehide', () => { if (socket) { socket.closedOnPurpose = true; socket.close(); } });
window.addEventListener('pageshow', e => { if (e.persisted) connect(); });
