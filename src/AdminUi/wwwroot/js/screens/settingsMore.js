// Settings sub-pages: rate limits, token durations of the auth collections, server health.
import { api, errorText } from '../api.js';
import { h, mount, toast, toggle } from '../dom.js';
import { tokenDurationInputs } from '../panels/collectionExtras.js';
import { store } from '../store.js';
import { saveSettings } from './settings.js';

export function renderRateLimits(root, settings) {
  const limits = structuredClone(settings.rateLimits || { rules: [], enabled: false });
  limits.rules = limits.rules || [];
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const rows = h('tbody');
  const cell = (rule, key, type, label) => h('td', {}, h('input', { type, value: rule[key] ?? '', 'aria-label': label,
    oninput: (e) => { rule[key] = type === 'number' ? Number(e.target.value) : e.target.value; } }));
  const draw = () => mount(rows, limits.rules.map((rule, i) => h('tr', {},
    cell(rule, 'label', 'text', `Rule ${i + 1} label`),
    h('td', {}, h('select', { 'aria-label': `Rule ${i + 1} audience`, onchange: (e) => { rule.audience = e.target.value; } },
      [['', 'All'], ['@guest', 'Guests only'], ['@auth', 'Auth only']].map(([v, l]) => h('option', { value: v, selected: rule.audience === v }, l)))),
    cell(rule, 'maxRequests', 'number', `Rule ${i + 1} max requests`),
    cell(rule, 'duration', 'number', `Rule ${i + 1} interval in seconds`),
    h('td', {}, h('button', { class: 'btn btn-icon btn-danger-text', type: 'button', 'aria-label': `Remove rule ${i + 1}`,
      onclick: () => { limits.rules.splice(i, 1); draw(); } }, '✕')))));
  draw();
  mount(root, h('form', { class: 'settings-form', onsubmit: (e) => { e.preventDefault(); saveSettings({ rateLimits: limits }, error); } },
    toggle('Enable rate limiting', limits.enabled, (v) => { limits.enabled = v; }),
    h('p', { class: 'muted' }, 'Labels are a path prefix (/api/), a method and path (POST /api/collections) or a tag such as *:auth, users:create.'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'records-table' },
      h('thead', {}, h('tr', {}, ['Label', 'Audience', 'Max requests', 'Interval (s)', ''].map((t) => h('th', {}, t)))), rows)),
    h('button', { class: 'btn', type: 'button', onclick: () => { limits.rules.push({ label: '', audience: '', duration: 10, maxRequests: 100 }); draw(); } }, '+ Add rule'),
    error, h('button', { class: 'btn btn-primary', type: 'submit' }, 'Save changes')));
}

/** Token durations live on each auth collection (v0.23+); this page edits them side by side. */
export function renderTokens(root) {
  const authCollections = store.collections.filter((c) => c.type === 'auth');
  mount(root, authCollections.map((collection) => {
    const state = structuredClone(collection);
    const error = h('p', { class: 'error', role: 'alert', hidden: true });
    return h('form', { class: 'card settings-form', 'aria-label': `${collection.name} tokens`, onsubmit: async (e) => {
      e.preventDefault();
      error.hidden = true;
      try {
        const body = Object.fromEntries(['authToken', 'verificationToken', 'passwordResetToken', 'emailChangeToken', 'fileToken']
          .map((k) => [k, { duration: state[k]?.duration }]));
        await api('PATCH', `/api/collections/${encodeURIComponent(collection.id)}`, { body });
        await store.loadCollections();
        toast(`Token durations of "${collection.name}" saved.`, 'success');
      } catch (err) {
        error.textContent = errorText(err);
        error.hidden = false;
      }
    } }, h('h3', {}, collection.name), tokenDurationInputs(state), error,
    h('button', { class: 'btn btn-primary', type: 'submit' }, 'Save changes'));
  }));
}

export async function renderHealth(root) {
  const started = performance.now();
  try {
    const result = await api('GET', '/api/health');
    const ms = Math.round(performance.now() - started);
    mount(root, h('div', { class: 'card health-card' },
      h('p', { class: 'ok health-message' }, `${result.message} (answered in ${ms} ms)`),
      h('dl', {}, Object.entries(result.data || {}).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]))));
  } catch (err) {
    mount(root, h('p', { class: 'error', role: 'alert' }, `The server is not healthy: ${errorText(err)}`));
  }
}
