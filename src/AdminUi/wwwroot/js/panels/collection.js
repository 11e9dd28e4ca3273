// Create/edit/duplicate/delete a collection: name, type, fields (or view query), indexes,
// API rules and auth options, in a side panel with tabs.
import { api, errorDetails, errorText } from '../api.js';
import { add, confirmDialog, h, labelled, mount, openPanel, toast } from '../dom.js';
import { go } from '../router.js';
import { ruleEditor } from '../rules/editor.js';
import { store } from '../store.js';
import { renderAuthOptions, renderIndexes, renderViewQuery } from './collectionExtras.js';
import { fieldsForApi, renderFields } from './fields.js';
import { defaultFields } from './fieldTypes.js';

const RULES = [
  ['listRule', 'List/Search rule', 'Empty: everyone (guests included) can list the records.'],
  ['viewRule', 'View rule', 'Empty: everyone can view a record.'],
  ['createRule', 'Create rule', 'Empty: everyone can create records.'],
  ['updateRule', 'Update rule', 'Empty: everyone can update records.'],
  ['deleteRule', 'Delete rule', 'Empty: everyone can delete records.'],
];
const AUTH_RULES = [
  ['authRule', 'Authentication rule', 'Empty: every record with valid credentials can sign in.'],
  ['manageRule', 'Manage rule', 'Who else may manage these records (change email/password without the old one).'],
];

function blankCollection(type) {
  return { name: '', type, fields: type === 'view' ? [] : defaultFields(), indexes: [], viewQuery: '',
    listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null };
}

/** A copy for "Duplicate": no id, a new name, fresh index names (they are global in SQLite). */
function duplicateOf(collection) {
  const copy = structuredClone(collection);
  delete copy.id; delete copy.created; delete copy.updated;
  copy.name = `${collection.name}_duplicate`;
  copy.system = false;
  copy.indexes = copy.indexes.map((index) => index
    .replace(/INDEX\s+(IF NOT EXISTS\s+)?[`"[]?(\w+)[`"\]]?/i, (m, ine, name) => `INDEX ${ine || ''}\`${name}_${Math.random().toString(36).slice(2, 6)}\``)
    .replace(new RegExp(`ON\\s+[\`"[]?${collection.name}[\`"\\]]?`, 'i'), `ON \`${copy.name}\``));
  return copy;
}

/** The collection JSON sent on save: only what the API accepts for this type. */
function payload(state) {
  const body = { ...state, fields: fieldsForApi(state.fields) };
  if (state.type === 'view') {
    delete body.fields; // inferred from the query
    delete body.indexes;
    body.createRule = body.updateRule = body.deleteRule = null;
  } else {
    delete body.viewQuery;
  }
  return body;
}

export async function openCollectionPanel(collection, { duplicate = false } = {}) {
  const isNew = !collection || duplicate;
  const state = collection ? (duplicate ? duplicateOf(collection) : structuredClone(collection)) : blankCollection('base');
  const originalName = collection?.name;
  // What would be saved, without the editor's own view state (folded options, new markers).
  const snapshot = () => JSON.stringify({ ...state, fields: fieldsForApi(state.fields || []) });
  const initial = snapshot();
  const panel = openPanel({
    title: isNew ? (duplicate ? `Duplicate ${collection.name}` : 'New collection') : `Edit collection ${collection.name}`,
    wide: true,
    // Escape or ✕ must not silently throw away a half-built schema.
    onClose: () => snapshot() === initial || confirmDialog('Discard the unsaved changes?', 'Discard'),
  });
  const topError = h('div', { class: 'error', role: 'alert', hidden: true });
  const nameInput = h('input', { type: 'text', name: 'name', value: state.name, required: true, readonly: state.system,
    placeholder: 'e.g. posts', autocomplete: 'off', oninput: (e) => { renameIndexes(state, e.target.value); state.name = e.target.value; } });
  const nameError = h('small', { class: 'field-error', role: 'alert', hidden: true });
  const typeSelect = h('select', { name: 'type', disabled: !isNew || duplicate, onchange: (e) => switchType(e.target.value) },
    ['base', 'auth', 'view'].map((t) => h('option', { value: t, selected: state.type === t }, `${t[0].toUpperCase()}${t.slice(1)} collection`)));
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const tabBody = h('div', { class: 'tab-body', role: 'tabpanel' });
  let tab = state.type === 'view' ? 'query' : 'fields';
  let fieldErrors = null;
  let ruleEditors = {};

  function switchType(type) {
    const keep = { name: state.name };
    Object.keys(state).forEach((k) => delete state[k]);
    Object.assign(state, blankCollection(type), keep);
    tab = type === 'view' ? 'query' : 'fields';
    if (type === 'auth') loadAuthScaffold();
    draw();
  }

  // Auth collections start from the server's scaffold so the auth fields and options show up.
  async function loadAuthScaffold() {
    try {
      const scaffolds = await api('GET', '/api/collections/meta/scaffolds');
      const auth = structuredClone(scaffolds.auth);
      delete auth.id;
      Object.assign(state, auth, { name: state.name, type: 'auth' });
      if (!state.fields.some((f) => f.name === 'created')) state.fields.push(...defaultFields().slice(1));
      draw();
    } catch {
      // Without scaffolds the server adds the auth fields itself on save.
    }
  }

  function draw() {
    const names = state.type === 'view'
      ? [['query', 'Query'], ['rules', 'API Rules']]
      : [['fields', 'Fields'], ['rules', 'API Rules'], ...(state.type === 'auth' ? [['options', 'Options']] : [])];
    mount(tabs, names.map(([id, label]) => h('button', {
      type: 'button', role: 'tab', class: 'tab', 'aria-selected': String(tab === id), 'data-tab': id,
      onclick: () => { tab = id; draw(); },
    }, label)));
    ruleEditors = {};
    if (tab === 'fields') {
      const fieldsRoot = h('div', { class: 'fields' });
      const indexRoot = h('div', { class: 'indexes' });
      renderFields(fieldsRoot, state, fieldErrors, () => renderIndexes(indexRoot, state));
      renderIndexes(indexRoot, state);
      mount(tabBody, fieldsRoot, indexRoot);
    } else if (tab === 'query') {
      renderViewQuery(tabBody, state);
    } else if (tab === 'rules') {
      const rules = state.type === 'view' ? RULES.slice(0, 2) : RULES;
      const editors = [...rules, ...(state.type === 'auth' ? AUTH_RULES : [])].map(([key, label, hint]) => {
        ruleEditors[key] = ruleEditor(state, key, label, hint);
        return ruleEditors[key].el;
      });
      mount(tabBody, h('p', { class: 'muted' }, 'Rules are filters: a request is allowed for the records they match. ' +
        'Locked rules allow superusers only. Type to get suggestions (fields, @request.*, @collection.*).'), editors);
    } else if (tab === 'options') {
      renderAuthOptions(tabBody, state);
    }
  }

  function showErrors(err) {
    const data = err.data || {};
    fieldErrors = data.fields && typeof data.fields === 'object' && !('code' in data.fields) ? data.fields : null;
    nameError.textContent = data.name?.message || '';
    nameError.hidden = !data.name;
    const ruleKeys = [...RULES, ...AUTH_RULES].map(([k]) => k).filter((k) => data[k]);
    if (ruleKeys.length && tab !== 'rules') tab = 'rules';
    else if (fieldErrors && tab !== 'fields' && state.type !== 'view') tab = 'fields';
    draw();
    for (const key of ruleKeys) ruleEditors[key]?.showServerError(data[key].message);
    topError.textContent = [err.message, ...errorDetails(data)].join(' ');
    topError.hidden = false;
    topError.scrollIntoView({ block: 'nearest' });
  }

  async function save() {
    topError.hidden = true;
    saveButton.disabled = true;
    try {
      const body = payload(state);
      const saved = isNew
        ? await api('POST', '/api/collections', { body })
        : await api('PATCH', `/api/collections/${encodeURIComponent(collection.id)}`, { body });
      await store.loadCollections();
      toast(`Collection "${saved.name}" saved.`, 'success');
      panel.close();
      go('/collections', { collection: saved.name });
    } catch (err) {
      showErrors(err);
    } finally {
      saveButton.disabled = false;
    }
  }

  async function remove() {
    if (!(await confirmDialog(`Delete collection "${collection.name}" with all its records? This cannot be undone.`, 'Delete'))) return;
    try {
      await api('DELETE', `/api/collections/${encodeURIComponent(collection.id)}`);
      await store.loadCollections();
      toast(`Collection "${collection.name}" deleted.`, 'success');
      panel.close();
      go('/collections');
    } catch (err) {
      toast(`Could not delete the collection: ${errorText(err)}`, 'error');
    }
  }

  async function truncate() {
    if (!(await confirmDialog(`Delete all records of "${collection.name}" (cascades included)?`, 'Truncate'))) return;
    try {
      await api('DELETE', `/api/collections/${encodeURIComponent(collection.id)}/truncate`);
      toast(`All records of "${collection.name}" deleted.`, 'success');
      panel.close();
      go('/collections', { collection: collection.name });
    } catch (err) {
      toast(`Could not truncate: ${errorText(err)}`, 'error');
    }
  }

  const saveButton = h('button', { class: 'btn btn-primary', type: 'button', onclick: save }, isNew ? 'Create' : 'Save changes');
  const actions = isNew ? null : h('details', { class: 'menu actions-menu' },
    h('summary', { class: 'btn' }, 'Actions'),
    h('div', { class: 'menu-items' },
      h('button', { class: 'btn', type: 'button', onclick: () => { panel.close(); openCollectionPanel(collection, { duplicate: true }); } }, 'Duplicate'),
      state.type === 'view' ? null : h('button', { class: 'btn', type: 'button', onclick: truncate }, 'Truncate'),
      state.system ? null : h('button', { class: 'btn btn-danger', type: 'button', onclick: remove }, 'Delete')));

  mount(panel.body,
    h('form', { class: 'collection-form', onsubmit: (e) => { e.preventDefault(); save(); } },
      h('div', { class: 'collection-head' }, labelled('Name', nameInput), nameError, labelled('Type', typeSelect)),
      topError, tabs, tabBody));
  add(panel.footer, actions, h('div', { class: 'spacer' }),
    h('button', { class: 'btn', type: 'button', onclick: () => panel.requestClose() }, 'Cancel'), saveButton);
  draw();
  if (isNew) nameInput.focus();
  return panel;
}

/** Keeps the raw index statements pointing at the collection while it is renamed. */
function renameIndexes(state, name) {
  if (!name) return;
  const re = new RegExp(`(ON\\s+)[\`"[]?${state.name || 'collection'}[\`"\\]]?(\\s*\\()`, 'i');
  state.indexes = state.indexes.map((index) => index.replace(re, `$1\`${name}\`$2`));
}
