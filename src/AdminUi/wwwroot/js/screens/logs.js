// Logs: the request/app log list with a filter, level choice, paging and a detail view.
import { api, errorText } from '../api.js';
import { add, h, mount, openPanel, shortDate } from '../dom.js';
import { checkRule } from '../rules/syntax.js';

const LEVELS = [['', 'All levels'], ['-4', 'Debug'], ['0', 'Info'], ['4', 'Warn'], ['8', 'Error']];
const levelName = (n) => LEVELS.find(([v]) => v === String(n))?.[1] || String(n);

export function renderLogs(main) {
  const state = { page: 1, perPage: 50, filter: '', level: '' };
  const filterInput = h('input', { type: 'search', 'aria-label': 'Filter logs',
    placeholder: 'Filter, e.g. data.status >= 400 && data.method = "POST"' });
  const level = h('select', { 'aria-label': 'Level', onchange: () => { state.level = level.value; state.page = 1; load(); } },
    LEVELS.map(([v, l]) => h('option', { value: v }, l)));
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const table = h('table', { class: 'records-table logs-table' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });

  async function load() {
    const parts = [];
    if (state.filter) {
      const bad = checkRule(state.filter);
      if (bad) { error.textContent = bad.message; error.hidden = false; return; }
      parts.push(`(${state.filter})`);
    }
    if (state.level) parts.push(`level = ${state.level}`);
    error.hidden = true;
    try {
      const result = await api('GET', '/api/logs', { query: { page: state.page, perPage: state.perPage, sort: '-created', filter: parts.join(' && ') } });
      mount(table,
        h('thead', {}, h('tr', {}, ['Level', 'Message', 'Status', 'Created'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, result.items.length ? result.items.map((log) => h('tr', {
          class: 'record-row', tabindex: 0, onclick: () => show(log),
          onkeydown: (e) => { if (e.key === 'Enter') show(log); },
        }, h('td', {}, h('span', { class: `badge level-${log.level}` }, levelName(log.level))),
        h('td', {}, log.message), h('td', {}, String(log.data?.status ?? '')), h('td', {}, shortDate(log.created))))
          : h('tr', {}, h('td', { colspan: 4, class: 'muted empty-row' }, 'No logs found.'))));
      const pages = Math.max(1, result.totalPages);
      mount(pager, h('span', { class: 'total' }, `Total: ${result.totalItems}`),
        h('button', { class: 'btn', type: 'button', disabled: state.page <= 1, 'aria-label': 'Previous page', onclick: () => { state.page--; load(); } }, '‹'),
        h('span', {}, `Page ${state.page} of ${pages}`),
        h('button', { class: 'btn', type: 'button', disabled: state.page >= pages, 'aria-label': 'Next page', onclick: () => { state.page++; load(); } }, '›'));
    } catch (err) {
      error.textContent = `Could not load the logs: ${errorText(err)}`;
      error.hidden = false;
    }
  }

  function show(log) {
    const panel = openPanel({ title: `Log ${log.id}` });
    panel.body.append(h('dl', { class: 'log-detail' },
      h('dt', {}, 'Level'), h('dd', {}, levelName(log.level)),
      h('dt', {}, 'Created'), h('dd', {}, log.created),
      h('dt', {}, 'Message'), h('dd', {}, log.message)),
    h('pre', { class: 'code' }, JSON.stringify(log.data, null, 2)));
    add(panel.footer, h('div', { class: 'spacer' }), h('button', { class: 'btn', type: 'button', onclick: () => panel.close() }, 'Close'));
  }

  mount(main, h('section', { class: 'logs-page' },
    h('header', { class: 'page-header' }, h('h1', {}, 'Logs'), h('div', { class: 'spacer' }),
      h('button', { class: 'btn btn-icon', type: 'button', 'aria-label': 'Refresh', onclick: load }, '↻')),
    h('form', { class: 'filter-bar', role: 'search', onsubmit: (e) => { e.preventDefault(); state.filter = filterInput.value.trim(); state.page = 1; load(); } },
      filterInput, level, h('button', { class: 'btn', type: 'submit' }, 'Apply')),
    error, h('div', { class: 'table-wrap' }, table), pager));
  load();
}
