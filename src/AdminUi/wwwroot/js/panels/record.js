// Create/edit/delete one record in a side panel, with an input per field type.
import { api, errorDetails, errorText } from '../api.js';
import { add, confirmDialog, h, nextId, openPanel, toast } from '../dom.js';
import { fieldInput } from './recordInputs.js';

const SKIP = new Set(['tokenKey']);

export function openRecordPanel(collection, record, onSaved) {
  const isNew = !record;
  const readOnly = collection.type === 'view';
  const path = `/api/collections/${encodeURIComponent(collection.name)}/records`;
  const panel = openPanel({ title: readOnly ? `${collection.name} record` : isNew ? `New ${collection.name} record` : `Edit ${collection.name} record` });
  const inputs = new Map(); // field name → {field, input, error element}
  const topError = h('div', { class: 'error', role: 'alert', hidden: true });
  const form = h('form', { class: 'record-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); save(); } }, topError);

  for (const field of collection.fields) {
    if (SKIP.has(field.name)) continue;
    let editor;
    if (field.name === 'id' && field.primaryKey !== false) {
      const input = h('input', { type: 'text', name: 'id', value: record?.id ?? '', readonly: !isNew || readOnly,
        placeholder: isNew ? 'Leave empty to generate' : null });
      editor = { el: input, input, value: () => (isNew && input.value ? input.value : undefined) };
    } else {
      editor = fieldInput(field, record?.[field.name]);
    }
    if (readOnly) editor.el.querySelectorAll?.('input,textarea,select').forEach((x) => { x.disabled = true; });
    if (readOnly && editor.input) editor.input.disabled = true;
    const error = h('small', { class: 'field-error', role: 'alert', hidden: true });
    const label = field.type === 'password' && !isNew ? 'New password (leave empty to keep)' : field.name;
    if (!editor.input.id) editor.input.id = nextId();
    const row = h('div', { class: 'form-row' }, h('label', { for: editor.input.id }, label), editor.el,
      field.help ? h('small', { class: 'hint' }, field.help) : null);
    row.classList.add(`field-type-${field.type}`);
    if (field.required && !(field.primaryKey && field.autogeneratePattern) && field.type !== 'autodate') row.classList.add('required');
    row.append(error);
    form.append(row);
    inputs.set(field.name, { field, editor, error });
  }
  panel.body.append(form);

  function showErrors(err) {
    for (const { error } of inputs.values()) error.hidden = true;
    const rest = {};
    for (const [key, value] of Object.entries(err.data || {})) {
      const target = inputs.get(key);
      if (target && value?.message) { target.error.textContent = value.message; target.error.hidden = false; } else rest[key] = value;
    }
    topError.textContent = [err.message, ...errorDetails(rest)].join(' ');
    topError.hidden = false;
    // Bring the first problem into view: forms of wide collections scroll.
    const first = form.querySelector('.field-error:not([hidden])')?.closest('.form-row');
    (first || topError).scrollIntoView({ block: 'center' });
    first?.querySelector('input,textarea,select')?.focus();
  }

  function collect() {
    const body = {};
    const files = [];
    for (const { field, editor } of inputs.values()) {
      const bad = editor.validate?.();
      if (bad) throw Object.assign(new Error('Please fix the highlighted fields.'), { data: { [field.name]: { message: bad } } });
      const value = editor.value();
      if (value !== undefined) body[field.name] = value;
      if (editor.confirm && value !== undefined) body.passwordConfirm = editor.confirm.value;
      for (const file of editor.files?.() || []) files.push([field.name, file]);
    }
    if (!files.length) return body;
    const data = new FormData();
    for (const [key, value] of Object.entries(body)) {
      data.append(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
    for (const [key, file] of files) data.append(key, file);
    return data;
  }

  async function save() {
    topError.hidden = true;
    let body;
    try {
      body = collect();
    } catch (err) {
      return showErrors(err);
    }
    saveButton.disabled = true;
    try {
      if (isNew) await api('POST', path, { body });
      else await api('PATCH', `${path}/${encodeURIComponent(record.id)}`, { body });
      toast(isNew ? 'Record created.' : 'Record saved.', 'success');
      panel.close();
      onSaved?.();
    } catch (err) {
      showErrors(err);
    } finally {
      saveButton.disabled = false;
    }
  }

  async function remove() {
    if (!(await confirmDialog(`Delete record ${record.id}? Records that cascade-delete with it are deleted too.`, 'Delete'))) return;
    try {
      await api('DELETE', `${path}/${encodeURIComponent(record.id)}`);
      toast('Record deleted.', 'success');
      panel.close();
      onSaved?.();
    } catch (err) {
      toast(`Could not delete the record: ${errorText(err)}`, 'error');
    }
  }

  const saveButton = h('button', { class: 'btn btn-primary', type: 'button', onclick: save }, isNew ? 'Create' : 'Save changes');
  add(panel.footer, 
    !isNew && !readOnly ? h('button', { class: 'btn btn-danger', type: 'button', onclick: remove }, 'Delete') : null,
    h('div', { class: 'spacer' }),
    h('button', { class: 'btn', type: 'button', onclick: () => panel.close() }, readOnly ? 'Close' : 'Cancel'),
    readOnly ? '' : saveButton);
  const first = form.querySelector('input:not([readonly]):not([disabled]),textarea,select');
  first?.focus();
  return panel;
}
