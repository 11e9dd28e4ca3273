// The "Fields" tab of the collection editor: one card per field with its type's options.
import { h, mount, nextId, toggle } from '../dom.js';
import { store } from '../store.js';
import { FIELD_TYPES, newField, typeLabel } from './fieldTypes.js';

const uniqueIndexRe = (name) => new RegExp(`^\\s*CREATE\\s+UNIQUE\\s+INDEX\\s+.*\\(\\s*[\`"\\[]?${name}[\`"\\]]?\\s*\\)\\s*(WHERE.*)?$`, 'is');

function numberInput(label, value, onchange, extra = {}) {
  const input = h('input', { type: 'number', value: value ?? '', step: 'any', ...extra,
    oninput: (e) => onchange(e.target.value === '' ? null : Number(e.target.value)) });
  return h('label', { class: 'option' }, h('span', {}, label), input);
}

function textInput(label, value, onchange, extra = {}) {
  const input = h('input', { type: 'text', value: value ?? '', ...extra, oninput: (e) => onchange(e.target.value) });
  return h('label', { class: 'option' }, h('span', {}, label), input);
}

/** Comma-separated list ↔ string array (null when empty, as the API stores it). */
function listInput(label, value, onchange, placeholder) {
  return textInput(label, (value || []).join(', '), (text) => {
    const items = text.split(',').map((s) => s.trim()).filter(Boolean);
    onchange(items.length ? items : null);
  }, { placeholder });
}

/** The type-specific options of one field (the card's lower part). */
function typeOptions(field, state, redraw) {
  const set = (key) => (value) => { field[key] = value; };
  switch (field.type) {
    case 'text':
      return [numberInput('Min length', field.min, set('min'), { min: 0, step: 1 }),
        numberInput('Max length', field.max, set('max'), { min: 0, step: 1 }),
        textInput('Regex pattern', field.pattern, set('pattern'), { placeholder: 'e.g. ^[a-z0-9]+$' }),
        textInput('Autogenerate pattern', field.autogeneratePattern, set('autogeneratePattern'), { placeholder: 'e.g. [a-z0-9]{30}' })];
    case 'number':
      return [numberInput('Min', field.min, set('min')), numberInput('Max', field.max, set('max')),
        toggle('No decimals', field.onlyInt, set('onlyInt'))];
    case 'email': case 'url':
      return [listInput('Only domains', field.onlyDomains, set('onlyDomains'), 'example.com, …'),
        listInput('Except domains', field.exceptDomains, set('exceptDomains'), 'example.com, …')];
    case 'editor':
      return [numberInput('Max size (bytes)', field.maxSize, set('maxSize'), { min: 0, step: 1 }),
        toggle('Convert URLs', field.convertURLs, set('convertURLs'))];
    case 'date':
      return [textInput('Min date', field.min, set('min'), { placeholder: '2024-01-01 00:00:00.000Z' }),
        textInput('Max date', field.max, set('max'), { placeholder: '2030-12-31 23:59:59.999Z' })];
    case 'autodate':
      return [toggle('Set on create', field.onCreate, set('onCreate'), { disabled: field.system }),
        toggle('Set on update', field.onUpdate, set('onUpdate'), { disabled: field.system })];
    case 'select':
      return [listInput('Choices', field.values, (v) => { field.values = v || []; }, 'draft, published, …'),
        numberInput('Max select', field.maxSelect, set('maxSelect'), { min: 0, step: 1, title: '0 or 1: single value, more: multiple values' })];
    case 'file':
      return [numberInput('Max files', field.maxSelect, set('maxSelect'), { min: 0, step: 1 }),
        numberInput('Max size (bytes)', field.maxSize, set('maxSize'), { min: 0, step: 1 }),
        listInput('MIME types', field.mimeTypes, (v) => { field.mimeTypes = v || []; }, 'image/png, image/jpeg'),
        listInput('Thumb sizes', field.thumbs, (v) => { field.thumbs = v || []; }, '100x100, 0x300'),
        toggle('Protected', field.protected, set('protected'))];
    case 'relation': {
      const select = h('select', { onchange: (e) => { field.collectionId = e.target.value; } },
        h('option', { value: '' }, '- select a collection -'),
        store.collections.filter((c) => c.type !== 'view' || state.type === 'view').map((c) =>
          h('option', { value: c.id, selected: c.id === field.collectionId }, c.name)));
      if (field.id && field.collectionId && !field.isNew) select.disabled = true; // immutable once saved
      return [h('label', { class: 'option' }, h('span', {}, 'Collection'), select),
        numberInput('Max select', field.maxSelect, set('maxSelect'), { min: 0, step: 1, title: '0 or 1: single relation, more: multiple' }),
        numberInput('Min select', field.minSelect, set('minSelect'), { min: 0, step: 1 }),
        toggle('Cascade delete', field.cascadeDelete, set('cascadeDelete'))];
    }
    case 'json':
      return [numberInput('Max size (bytes)', field.maxSize, set('maxSize'), { min: 0, step: 1 })];
    case 'password':
      return [numberInput('Min length', field.min, set('min'), { min: 0, step: 1 }),
        numberInput('Max length', field.max, set('max'), { min: 0, step: 1 }),
        textInput('Regex pattern', field.pattern, set('pattern')),
        numberInput('Bcrypt cost', field.cost, set('cost'), { min: 0, max: 31, step: 1 })];
    default:
      return [];
  }
}

function isUnique(state, name) {
  return state.indexes.some((index) => uniqueIndexRe(name).test(index));
}

function setUnique(state, name, on) {
  state.indexes = state.indexes.filter((index) => !uniqueIndexRe(name).test(index));
  if (on) {
    const suffix = Math.random().toString(36).slice(2, 8);
    state.indexes.push(`CREATE UNIQUE INDEX \`idx_${name}_${suffix}\` ON \`${state.name || 'collection'}\` (\`${name}\`)`);
  }
}

function fieldCard(field, index, state, redraw, errors) {
  const locked = field.system;
  const nameId = nextId('field-name');
  const error = errors?.[index];
  const messages = error ? Object.entries(error).map(([key, v]) => (v?.message ? `${key}: ${v.message}` : null)).filter(Boolean) : [];
  const card = h('fieldset', { class: `field-card${error ? ' has-error' : ''}`, 'data-field': field.name, 'data-type': field.type });
  const move = (delta) => {
    const to = index + delta;
    if (to < 0 || to >= state.fields.length) return;
    [state.fields[index], state.fields[to]] = [state.fields[to], state.fields[index]];
    redraw();
  };
  const nameInput = h('input', {
    id: nameId, type: 'text', value: field.name, readonly: locked, class: 'field-name', 'aria-label': 'Field name',
    required: true, placeholder: 'Field name',
    oninput: (e) => {
      const old = field.name;
      field.name = e.target.value;
      // Keep a unique index pointing at the renamed field.
      if (isUnique(state, old)) { setUnique(state, old, false); setUnique(state, field.name, true); }
      card.dataset.field = field.name;
    },
  });
  const common = [];
  if (field.type !== 'autodate') common.push(toggle('Nonempty', field.required, (v) => { field.required = v; }, { disabled: locked && field.name === 'id' }));
  common.push(toggle('Hidden', field.hidden, (v) => { field.hidden = v; }, { disabled: locked && field.name === 'id' }));
  common.push(toggle('Presentable', field.presentable, (v) => { field.presentable = v; }));
  if (!['json', 'file', 'password', 'geoPoint', 'autodate', 'bool'].includes(field.type) && field.name !== 'id') {
    common.push(toggle('Unique', isUnique(state, field.name), (v) => { setUnique(state, field.name, v); redraw(); }));
  }
  mount(card,
    h('legend', { class: 'visually-hidden' }, `Field ${field.name || index + 1}`),
    h('div', { class: 'field-head' },
      h('span', { class: `field-type type-${field.type}`, title: field.type }, typeLabel(field.type)),
      nameInput,
      h('button', { class: 'btn btn-icon', type: 'button', 'aria-label': `Move ${field.name} up`, disabled: index === 0, onclick: () => move(-1) }, '↑'),
      h('button', { class: 'btn btn-icon', type: 'button', 'aria-label': `Move ${field.name} down`, disabled: index === state.fields.length - 1, onclick: () => move(1) }, '↓'),
      locked ? h('span', { class: 'badge' }, 'system') : h('button', {
        class: 'btn btn-icon btn-danger-text', type: 'button', 'aria-label': `Remove field ${field.name}`,
        onclick: () => { setUnique(state, field.name, false); state.fields.splice(index, 1); redraw(); },
      }, '✕')),
    h('div', { class: 'field-flags' }, common),
    // Type options stay folded for saved fields (a compact list), open for new or failing ones.
    h('details', { class: 'field-more', open: field.isNew || field.optionsOpen || error ? true : null,
      ontoggle: (e) => { field.optionsOpen = e.target.open; } },
    h('summary', {}, `${typeLabel(field.type)} options`),
    h('div', { class: 'field-options' }, typeOptions(field, state, redraw),
      field.type === 'autodate' ? null : h('label', { class: 'option option-wide' }, h('span', {}, 'Help text'),
        h('input', { type: 'text', value: field.help || '', maxlength: 300, oninput: (e) => { field.help = e.target.value; } })))),
    messages.length ? h('p', { class: 'error', role: 'alert' }, messages.join(' ')) : null);
  return card;
}

/** Draws the field list and the "new field" menu into `root`; edits mutate `state.fields`. */
export function renderFields(root, state, errors, onIndexes = () => {}) {
  const redraw = () => { renderFields(root, state, errors, onIndexes); onIndexes(); };
  const menu = h('details', { class: 'menu new-field-menu' },
    h('summary', { class: 'btn btn-block' }, '+ New field'),
    h('div', { class: 'menu-items type-grid', role: 'menu' }, FIELD_TYPES.map(([type, label]) => h('button', {
      class: 'btn', type: 'button', role: 'menuitem', 'data-type': type,
      onclick: () => {
        let name = 'field';
        for (let n = 2; state.fields.some((f) => f.name === name); n++) name = `field${n}`;
        const field = newField(type, name);
        field.isNew = true;
        // New fields go before the trailing created/updated autodates, as people expect.
        let at = state.fields.length;
        while (at > 0 && state.fields[at - 1].type === 'autodate') at--;
        state.fields.splice(at, 0, field);
        redraw();
        root.querySelector(`[data-field="${name}"] .field-name`)?.select();
      },
    }, label))));
  mount(root, state.fields.map((f, i) => fieldCard(f, i, state, redraw, errors)), menu);
}

/** The fields as sent to the API (without the dashboard's own markers). */
export function fieldsForApi(fields) {
  return fields.map(({ isNew, optionsOpen, ...field }) => field);
}
