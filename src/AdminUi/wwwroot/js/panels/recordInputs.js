// One input per field type for the record editor. Each builder returns {el, value()} where
// value() gives the JSON value to send (undefined = leave unchanged).
import { api } from '../api.js';
import { h, nextId } from '../dom.js';
import { store } from '../store.js';

/** "2024-03-09 17:05:01.123Z" → "2024-03-09T17:05:01" for datetime-local (shown in UTC). */
const toLocalInput = (v) => (v ? v.replace(' ', 'T').replace(/(\.\d+)?Z$/, '').slice(0, 19) : '');
const fromLocalInput = (v) => (v ? `${v.replace('T', ' ')}${v.length === 16 ? ':00' : ''}.000Z` : '');

function plain(type, field, value) {
  const input = h('input', { type, name: field.name, value: value ?? '', required: field.required && type !== 'password' });
  if (field.type === 'text' && field.max) input.maxLength = field.max;
  if (field.pattern) input.title = `Pattern: ${field.pattern}`;
  return { el: input, input, value: () => input.value };
}

const builders = {
  text: (f, v) => plain('text', f, v),
  email: (f, v) => plain('email', f, v),
  url: (f, v) => plain('url', f, v),
  editor: (f, v) => {
    const input = h('textarea', { name: f.name, rows: 6, value: v ?? '' });
    return { el: input, input, value: () => input.value };
  },
  number: (f, v) => {
    const input = h('input', { type: 'number', name: f.name, step: f.onlyInt ? 1 : 'any', value: v ?? '',
      min: f.min ?? null, max: f.max ?? null });
    return { el: input, input, value: () => (input.value === '' ? null : Number(input.value)) };
  },
  bool: (f, v) => {
    const input = h('input', { type: 'checkbox', name: f.name, checked: !!v });
    return { el: h('span', { class: 'bool-input' }, input), input, value: () => input.checked };
  },
  date: (f, v) => {
    const input = h('input', { type: 'datetime-local', name: f.name, step: 1, value: toLocalInput(v),
      min: toLocalInput(f.min) || null, max: toLocalInput(f.max) || null });
    return { el: h('span', { class: 'date-input' }, input, h('small', { class: 'muted' }, ' UTC')), input,
      value: () => fromLocalInput(input.value) };
  },
  autodate: (f, v) => {
    const input = h('input', { type: 'text', name: f.name, value: v || '(set automatically)', readonly: true });
    return { el: input, input, value: () => undefined };
  },
  select: (f, v) => {
    const multiple = (f.maxSelect || 1) > 1;
    const chosen = new Set(Array.isArray(v) ? v : v ? [v] : []);
    const input = h('select', { name: f.name, multiple, size: multiple ? Math.min(6, f.values.length) : null },
      multiple ? null : h('option', { value: '' }, '- none -'),
      f.values.map((val) => h('option', { value: val, selected: chosen.has(val) }, val)));
    return { el: input, input, value: () => (multiple ? [...input.selectedOptions].map((o) => o.value) : input.value) };
  },
  json: (f, v) => {
    const input = h('textarea', { name: f.name, rows: 6, class: 'code', spellcheck: 'false',
      value: v === undefined || v === null ? '' : JSON.stringify(v, null, 2) });
    const status = h('small', { class: 'hint', 'aria-live': 'polite' });
    const check = () => {
      try {
        if (input.value.trim()) JSON.parse(input.value);
        status.textContent = '';
        input.removeAttribute('aria-invalid');
      } catch (err) {
        status.textContent = `Invalid JSON: ${err.message}`;
        input.setAttribute('aria-invalid', 'true');
      }
    };
    input.addEventListener('input', check);
    return {
      el: h('div', {}, input, status), input,
      value: () => (input.value.trim() === '' ? null : JSON.parse(input.value)),
      validate: () => { check(); return status.textContent; },
    };
  },
  geoPoint: (f, v) => {
    const lon = h('input', { type: 'number', step: 'any', min: -180, max: 180, 'aria-label': `${f.name} longitude`, value: v?.lon ?? 0 });
    const lat = h('input', { type: 'number', step: 'any', min: -90, max: 90, 'aria-label': `${f.name} latitude`, value: v?.lat ?? 0 });
    return { el: h('div', { class: 'inline-inputs' }, h('span', {}, 'Lon'), lon, h('span', {}, 'Lat'), lat), input: lon,
      value: () => ({ lon: Number(lon.value), lat: Number(lat.value) }) };
  },
  password: (f) => {
    const input = h('input', { type: 'password', name: f.name, autocomplete: 'new-password' });
    const confirm = h('input', { type: 'password', name: `${f.name}Confirm`, autocomplete: 'new-password', 'aria-label': 'Password confirm' });
    return { el: h('div', { class: 'stack' }, input, h('label', { for: confirm.id = nextId() }, 'Password confirm'), confirm), input, confirm,
      value: () => input.value || undefined };
  },
  file: (f, v) => {
    const existing = Array.isArray(v) ? v : v ? [v] : [];
    const input = h('input', { type: 'file', name: f.name, multiple: (f.maxSelect || 1) > 1 });
    return { el: h('div', {}, existing.length ? h('p', { class: 'muted' }, `Current: ${existing.join(', ')}`) : null, input), input,
      value: () => undefined, files: () => [...input.files] };
  },
  relation: relationPicker,
};

/** Relation picker: the chosen ids as removable chips, plus a search over the target collection. */
function relationPicker(f, v) {
  const target = store.byId(f.collectionId);
  const multiple = (f.maxSelect || 1) > 1;
  let chosen = Array.isArray(v) ? [...v] : v ? [v] : [];
  const chips = h('ul', { class: 'chips', 'aria-label': `${f.name} selected records` });
  const results = h('ul', { class: 'picker-results', role: 'listbox', 'aria-label': `${f.name} search results` });
  const search = h('input', { type: 'search', placeholder: `Search ${target?.name || 'records'}…`, 'aria-label': `Search ${f.name}` });
  const presentable = (target?.fields || []).filter((x) => x.presentable).map((x) => x.name);
  const label = (r) => [r.id, ...presentable.map((n) => r[n]).filter((x) => x !== '' && x != null)].join(' · ');

  const drawChips = () => chips.replaceChildren(...chosen.map((id) => h('li', { class: 'chip', 'data-id': id }, labels.get(id) || id,
    h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${id}`,
      onclick: () => { chosen = chosen.filter((x) => x !== id); drawChips(); } }, '×'))));
  let timer = 0;
  let latest = 0; // answers can arrive out of order: only the newest search is shown
  const labels = new Map(); // id → label of records picked here
  async function find() {
    if (!target) return;
    const ticket = ++latest;
    const term = search.value.trim().replace(/"/g, '\\"');
    const textFields = target.fields.filter((x) => ['text', 'email', 'url'].includes(x.type) && !x.hidden).map((x) => x.name);
    const filter = term ? textFields.map((n) => `${n} ~ "${term}"`).join(' || ') : '';
    try {
      const list = await api('GET', `/api/collections/${encodeURIComponent(target.name)}/records`, { query: { perPage: 20, filter, skipTotal: 1 } });
      if (ticket !== latest) return;
      results.replaceChildren(...list.items.map((r) => h('li', {},
        h('button', { type: 'button', class: 'picker-option', role: 'option', 'data-id': r.id,
          onclick: () => {
            labels.set(r.id, label(r));
            chosen = multiple ? [...new Set([...chosen, r.id])].slice(-(f.maxSelect)) : [r.id];
            drawChips();
          } }, label(r)))));
      if (!list.items.length) results.append(h('li', { class: 'muted' }, 'No records found.'));
    } catch (err) {
      if (ticket === latest) results.replaceChildren(h('li', { class: 'error' }, err.message));
    }
  }
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(find, 200); });
  search.addEventListener('focus', () => { if (!results.children.length) find(); });
  drawChips();
  return {
    el: h('div', { class: 'relation-picker' }, chips, search, results), input: search,
    value: () => (multiple ? chosen : chosen[chosen.length - 1] || ''),
  };
}

/** The editor for one field, or null for fields that are never edited here. */
export function fieldInput(field, value) {
  const build = builders[field.type] || builders.text;
  return build(field, value);
}
