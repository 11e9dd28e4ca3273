// Entry point: restores the session, then renders the screen for the current hash route.
import { api, auth, tokenSecondsLeft } from './api.js';
import { currentRoute, go } from './router.js';
import { renderInstall } from './screens/install.js';
import { renderLogin } from './screens/login.js';
import { renderShell } from './screens/shell.js';

const app = document.getElementById('app');

/** Renews the stored superuser token; a rejected one signs out. */
async function refreshAuth() {
  if (!auth.token) return;
  if (tokenSecondsLeft(auth.token) <= 0) { auth.clear(); return; }
  try {
    const result = await api('POST', '/api/collections/_superusers/auth-refresh');
    auth.save(result.token, result.record);
  } catch (err) {
    // Only a refusal signs out; a server that is briefly down keeps the session.
    if (err.status === 401 || err.status === 403 || err.status === 404) auth.clear();
  }
}

function route() {
  const { path } = currentRoute();
  const install = path.match(/^\/pbinstall\/(.+)$/);
  if (install) return renderInstall(app, decodeURIComponent(install[1]));
  if (!auth.token) {
    if (path !== '/login') return go('/login');
    return renderLogin(app);
  }
  if (path === '/login' || path === '/' || path === '') return go('/collections');
  return renderShell(app, path);
}

// Drop-down menus (<details class="menu">) close when something else is clicked.
document.addEventListener('click', (e) => {
  for (const menu of document.querySelectorAll('details.menu[open]')) if (!menu.contains(e.target)) menu.open = false;
});

async function start() {
  auth.load();
  if (!currentRoute().path.startsWith('/pbinstall/')) await refreshAuth();
  window.addEventListener('hashchange', route);
  route();
  // Keep the session alive while the dashboard stays open.
  setInterval(() => { if (auth.token && tokenSecondsLeft(auth.token) < 3600) refreshAuth(); }, 60_000);
}

start();
