// The signed-in layout: the app navigation (collections, logs, settings, sign out) and a main area.
import { api, auth } from '../api.js';
import { h, mount, toast } from '../dom.js';
import { disconnect } from '../realtime.js';
import { currentRoute, go } from '../router.js';
import { store } from '../store.js';
import { renderCollections } from './collections.js';
import { renderLogs } from './logs.js';
import { stopRecords } from './records.js';
import { renderSettings } from './settings.js';

let shell = null; // {nav, main} kept across route changes
let healthTimer = 0;

function signOut() {
  clearInterval(healthTimer);
  stopRecords();
  disconnect();
  auth.clear();
  shell = null;
  go('/login');
}

async function checkHealth(dot) {
  try {
    const result = await api('GET', '/api/health');
    dot.className = 'health ok';
    dot.title = `Server: ${result.message}`;
  } catch (err) {
    dot.className = 'health bad';
    dot.title = `Server: ${err.message}`;
  }
  dot.setAttribute('aria-label', dot.title);
}

function build(root) {
  const link = (path, label, icon) => h('a', { href: `#${path}`, class: 'nav-link', 'data-path': path },
    h('span', { class: 'nav-icon', 'aria-hidden': 'true' }, icon), h('span', { class: 'nav-label' }, label));
  const health = h('span', { class: 'health', role: 'img', 'aria-label': 'Server health unknown' });
  const nav = h('nav', { class: 'app-nav', 'aria-label': 'Main' },
    h('a', { class: 'brand', href: '#/collections', title: 'PocketBaseSharp' }, 'PB#'),
    link('/collections', 'Collections', '▤'),
    link('/logs', 'Logs', '≣'),
    link('/settings', 'Settings', '⚙'),
    h('div', { class: 'nav-spacer' }),
    health,
    h('button', { class: 'nav-link nav-button', type: 'button', onclick: signOut, title: `Sign out ${auth.record?.email || ''}` },
      h('span', { class: 'nav-icon', 'aria-hidden': 'true' }, '⎋'), h('span', { class: 'nav-label' }, 'Sign out')));
  const main = h('div', { class: 'app-main', id: 'main' });
  mount(root, h('div', { class: 'app' }, nav, main));
  checkHealth(health);
  clearInterval(healthTimer);
  healthTimer = setInterval(() => checkHealth(health), 30_000);
  return { nav, main };
}

export async function renderShell(root, path) {
  if (!shell || !root.contains(shell.main)) {
    shell = build(root);
    try {
      await store.loadCollections();
    } catch (err) {
      toast(`Could not load the collections: ${err.message}`, 'error');
    }
    // Another route may have been rendered while the collections were loading.
    if (currentRoute().path !== path) return;
    api('GET', '/api/settings').then((s) => {
      store.settings = s;
      document.title = `${s?.meta?.appName || 'PocketBaseSharp'} - Dashboard`;
      document.body.classList.toggle('hide-controls', !!s?.meta?.hideControls);
    }).catch(() => {});
  }
  const section = '/' + path.split('/')[1];
  for (const a of shell.nav.querySelectorAll('[data-path]')) {
    if (a.dataset.path === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (section === '/collections') return renderCollections(shell.main);
  stopRecords(); // no live refresh for a table that is no longer shown
  if (section === '/logs') return renderLogs(shell.main);
  if (section === '/settings') return renderSettings(shell.main, path);
  go('/collections');
}
