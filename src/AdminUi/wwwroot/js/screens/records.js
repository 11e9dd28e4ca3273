// Records table of one collection: filter, sort, paging, column choice, bulk delete, live refresh.
import { api, errorText } from '../api.js';
import { confirmDialog, h, mount, shortDate, toast } from '../dom.js';
import { openCollectionPanel } from '../panels/collection.js';
import { openRecordPanel } from '../panels/record.js';
import { subscribe } from '../realtime.js';
import { replaceParams } from '../router.js';
import { checkRule } from '../rules/syntax.js';
import { store } from '../store.js';

const PER_PAGE = [10, 20, 40, 100];
let cleanup = () => {};

/** Ends the live refresh of the records table shown last. */
export function stopRecords() {
  cleanup();
  cleanup = () => {};
}

const columnsKey = (c) => `pbs_columns_${c.id}`;
const SEARCHABLE = new Set(['text', 'email', 'url', 'editor', 'select', 'relation', 'json']);

/** Plain words become a "contains" search over the text-like fields; filters pass unchanged. */
export function toFilter(text, collection) {
  const trimmed = text.trim();
  if (!trimmed || !checkRule(trimmed)) return { filter: trimmed };
  if (/[=<>~!?&|()'"]/.test(trimmed)) return { error: checkRule(trimmed) };
  const quoted = `"${trimmed.replace(/"/g, '\\"')}"`;
  const fields = collection.fields.filter((f) => SEARCHABLE.has(f.type) && !f.hidden).map((f) => f.name);
  return { filter: ['id', ...fields.filter((n) => n !== 'id')].map((n) => `${n} ~ ${quoted}`).join(' || ') };
}

/** A related record as its presentable fields (as upstream shows it), else its id. */
function relationLabel(field, related) {
  const target = store.byId(field.collectionId);
  const names = (target?.fields || []).filter((f) => f.presentable).map((f) => f.name);
  const parts = names.map((n) => related[n]).filter((v) => v !== '' && v !== null && v !== undefined);
  return parts.length ? parts.join(' ') : related.id;
}

/** A short text for one value in a table cell. */
function cellText(field, value, record) {
  if (value === undefined || value === null || value === '') return '';
  const expanded = field.type === 'relation' ? record?.expand?.[field.name] : null;
  if (expanded) return [].concat(expanded).map((r) => relationLabel(field, r)).join(', ');
  if (field.type === 'bool') return value ? 'True' : 'False';
  if (field.type === 'date' || field.type === 'autodate') return shortDate(value);
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function renderRecords(root, collection, params) {
  cleanup();
  const isView = collection.type === 'view';
  const hasCreated = collection.fields.some((f) => f.name === 'created');
  const state = {
    page: Number(params.page) || 1,
    perPage: Number(params.perPage) || 40,
    sort: params.sort ?? (hasCreated ? '-created' : ''),
    filter: params.filter || '',
    selected: new Set(),
    items: [],
    total: 0,
  };
  const listable = collection.fields.filter((f) => f.type !== 'password' && f.name !== 'tokenKey');
  const savedColumns = JSON.parse(localStorage.getItem(columnsKey(collection)) || 'null');
  let columns = savedColumns
    ? listable.filter((f) => savedColumns.includes(f.name))
    : listable.filter((f) => f.type !== 'editor').slice(0, 8);

  const filterInput = h('input', {
    type: 'search', name: 'filter', value: state.filter, 'aria-label': 'Filter records',
    placeholder: 'Search term or filter, e.g. created > "2024-01-01" && title ~ "hello"',
    oninput: () => showFilterError(toFilter(filterInput.value, collection).error?.message || ''),
  });
  const filterError = h('p', { class: 'error filter-error', role: 'alert', hidden: true });
  const showFilterError = (text) => { filterError.textContent = text; filterError.hidden = !text; };
  const table = h('table', { class: 'records-table' });
  const tableWrap = h('div', { class: 'table-wrap' }, table);
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });
  const bulkBar = h('div', { class: 'bulk-bar', hidden: true });
  const columnsMenu = h('details', { class: 'menu columns-menu' });

  // This view is replaced when another collection is opened; its pending loads and live
  // refreshes must then neither rewrite the URL nor draw into the detached table.
  let alive = true;

  async function load() {
    if (!alive) return;
    const parsed = toFilter(state.filter, collection);
    if (parsed.error) { showFilterError(parsed.error.message); return; }
    replaceParams({ collection: collection.name, filter: state.filter, sort: state.sort,
      page: state.page > 1 ? state.page : '', perPage: state.perPage !== 40 ? state.perPage : '' });
    try {
      const result = await api('GET', `/api/collections/${encodeURIComponent(collection.name)}/records`, {
        query: { page: state.page, perPage: state.perPage, sort: state.sort, filter: parsed.filter,
          expand: columns.filter((f) => f.type === 'relation').map((f) => f.name).join(',') },
      });
      if (!alive) return;
      showFilterError('');
      state.items = result.items;
      state.total = result.totalItems;
      state.totalPages = result.totalPages;
      for (const id of [...state.selected]) if (!state.items.some((r) => r.id === id)) state.selected.delete(id);
      drawTable();
      drawPager();
    } catch (err) {
      if (!alive) return;
      if (err.status === 400 && state.filter) showFilterError(`The server rejected the filter or sort: ${errorText(err)}`);
      else toast(`Could not load the records: ${errorText(err)}`, 'error');
    }
  }

  function sortButton(name) {
    const dir = state.sort === name ? 'asc' : state.sort === `-${name}` ? 'desc' : '';
    return h('button', {
      class: `sort-button ${dir}`, type: 'button', 'data-sort': dir || 'none', 'data-field': name,
      'aria-label': `Sort by ${name}${dir ? ` (${dir === 'asc' ? 'ascending' : 'descending'})` : ''}`,
      onclick: () => {
        state.sort = dir === '' ? name : dir === 'asc' ? `-${name}` : '';
        state.page = 1;
        load();
      },
    }, name, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, dir === 'asc' ? ' ↑' : dir === 'desc' ? ' ↓' : ''));
  }

  function drawTable() {
    const allSelected = state.items.length > 0 && state.items.every((r) => state.selected.has(r.id));
    const head = h('tr', {},
      isView ? null : h('th', { class: 'check' }, h('input', {
        type: 'checkbox', 'aria-label': 'Select all on this page', checked: allSelected,
        onchange: (e) => { state.items.forEach((r) => (e.target.checked ? state.selected.add(r.id) : state.selected.delete(r.id))); drawTable(); },
      })),
      columns.map((f) => h('th', { scope: 'col' }, sortButton(f.name))));
    const rows = state.items.map((record) => h('tr', {
      class: 'record-row', 'data-id': record.id, tabindex: 0,
      onclick: (e) => { if (!e.target.closest('.check')) edit(record); },
      onkeydown: (e) => { if (e.key === 'Enter' && e.target === e.currentTarget) edit(record); },
    },
    isView ? null : h('td', { class: 'check' }, h('input', {
      type: 'checkbox', 'aria-label': `Select record ${record.id}`, checked: state.selected.has(record.id),
      onchange: (e) => { e.target.checked ? state.selected.add(record.id) : state.selected.delete(record.id); drawBulk(); },
    })),
    columns.map((f) => h('td', { 'data-field': f.name, title: cellText(f, record[f.name], record).slice(0, 300) },
      cellText(f, record[f.name], record).slice(0, 120)))));
    mount(table, h('thead', {}, head), h('tbody', {}, rows.length ? rows
      : h('tr', {}, h('td', { colspan: columns.length + 1, class: 'muted empty-row' }, state.filter ? 'No records match the filter.' : 'No records yet.'))));
    drawBulk();
  }

  function drawBulk() {
    bulkBar.hidden = state.selected.size === 0;
    mount(bulkBar, h('span', {}, `${state.selected.size} selected`),
      h('button', { class: 'btn', type: 'button', onclick: () => { state.selected.clear(); drawTable(); } }, 'Reset'),
      h('button', { class: 'btn btn-danger', type: 'button', onclick: deleteSelected }, 'Delete selected'));
  }

  async function deleteSelected() {
    const ids = [...state.selected];
    if (!(await confirmDialog(`Delete ${ids.length} selected record(s)? Records of other collections that cascade-delete with them are deleted too.`, 'Delete'))) return;
    const failures = [];
    for (const id of ids) {
      try {
        await api('DELETE', `/api/collections/${encodeURIComponent(collection.name)}/records/${encodeURIComponent(id)}`);
        state.selected.delete(id);
      } catch (err) {
        failures.push(`${id}: ${errorText(err)}`);
      }
    }
    if (failures.length) toast(`Some records could not be deleted. ${failures.join(' ')}`, 'error');
    else toast(`Deleted ${ids.length} record(s).`, 'success');
    load();
  }

  function drawPager() {
    const pages = Math.max(1, state.totalPages || 1);
    const perPage = h('select', {
      'aria-label': 'Records per page',
      onchange: (e) => { state.perPage = Number(e.target.value); state.page = 1; load(); },
    }, PER_PAGE.map((n) => h('option', { value: n, selected: n === state.perPage }, `${n} per page`)));
    mount(pager,
      h('span', { class: 'total' }, `Total: ${state.total}`), perPage,
      h('button', { class: 'btn', type: 'button', disabled: state.page <= 1, 'aria-label': 'Previous page',
        onclick: () => { state.page--; load(); } }, '‹'),
      h('span', { class: 'page-info' }, `Page ${state.page} of ${pages}`),
      h('button', { class: 'btn', type: 'button', disabled: state.page >= pages, 'aria-label': 'Next page',
        onclick: () => { state.page++; load(); } }, '›'));
  }

  function drawColumnsMenu() {
    mount(columnsMenu, h('summary', { class: 'btn' }, 'Columns'),
      h('div', { class: 'menu-items' }, listable.map((f) => h('label', { class: 'toggle' },
        h('input', {
          type: 'checkbox', checked: columns.includes(f),
          onchange: (e) => {
            columns = listable.filter((x) => (x === f ? e.target.checked : columns.includes(x)));
            localStorage.setItem(columnsKey(collection), JSON.stringify(columns.map((c) => c.name)));
            drawTable();
          },
        }), h('span', {}, f.name)))));
  }

  const edit = (record) => openRecordPanel(collection, record, load);

  drawColumnsMenu();
  mount(root,
    h('header', { class: 'page-header' },
      h('h1', {}, h('span', { class: 'muted' }, 'Collections / '), collection.name),
      h('span', { class: `badge type-${collection.type}` }, collection.type),
      h('button', { class: 'btn btn-icon schema-control', type: 'button', 'aria-label': 'Edit collection', title: 'Edit collection',
        onclick: () => openCollectionPanel(collection) }, '⚙'),
      h('button', { class: 'btn btn-icon', type: 'button', 'aria-label': 'Refresh', title: 'Refresh', onclick: load }, '↻'),
      h('div', { class: 'spacer' }),
      columnsMenu,
      isView ? null : h('button', { class: 'btn btn-primary', type: 'button', onclick: () => openRecordPanel(collection, null, load) }, '+ New record')),
    h('form', { class: 'filter-bar', role: 'search', onsubmit: (e) => { e.preventDefault(); state.filter = filterInput.value.trim(); state.page = 1; load(); } },
      filterInput, h('button', { class: 'btn', type: 'submit' }, 'Apply')),
    filterError, bulkBar, tableWrap, pager);

  let timer = 0;
  const unsubscribe = subscribe(`${collection.name}/*`, () => { clearTimeout(timer); timer = setTimeout(load, 250); });
  cleanup = () => { alive = false; clearTimeout(timer); unsubscribe(); };
  load();
}
