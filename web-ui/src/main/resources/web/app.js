// The dashboard's router: one page module per path.
import { connect } from './live.js';
import { prefetchJson, showError } from './api.js';

const routes = [
  [/^\/$/, () => import('./home.js'), () => []],
  [/^\/runs\/(r\d+)$/, () => import('./run.js'), m => [m[1]]],
  [/^\/sweeps\/(s\d+)$/, () => import('./sweep.js'), m => [m[1]], m => [`/api/sweeps/${m[1]}`]],
  [/^\/compare$/, () => import('./compare.js'), () => []],
  [/^\/predict$/, () => import('./predict.js'), () => []],
  [/^\/plugins$/, () => import('./plugins.js'), () => []],
  [/^\/new$/, () => import('./new.js'), () => []],
];

async function route() {
  const main = document.getElementById('app');
  const path = location.pathname;
  for (const [pattern, load, args, data] of routes) {
    const m = path.match(pattern);
    if (m) {
      if (data) data(m).forEach(prefetchJson);  // the page's data on its way while its script loads
      try {
        const page = await load();
        await page.render(main, ...args(m));
      } catch (e) {
        showError(main, e);
      }
      return;
    }
  }
  showError(main, new Error(`no page at ${path}`));
}

connect();
route();
