// Collections JSON: export (copy/download) and import (paste/upload, preview, deleteMissing).
import { api, errorText, fullList } from '../api.js';
import { h, labelled, mount, toast, toggle } from '../dom.js';
import { store } from '../store.js';

export async function renderExport(root) {
  let collections;
  try {
    collections = await fullList('/api/collections', { sort: 'name' });
  } catch (err) {
    return mount(root, h('p', { class: 'error', role: 'alert' }, errorText(err)));
  }
  const chosen = new Set(collections.filter((c) => !c.system).map((c) => c.id));
  const output = h('textarea', { class: 'code export-json', rows: 16, readonly: true, 'aria-label': 'Exported collections JSON' });
  const update = () => { output.value = JSON.stringify(collections.filter((c) => chosen.has(c.id)), null, 2); };
  update();
  const download = () => {
    const url = URL.createObjectURL(new Blob([output.value], { type: 'application/json' }));
    const a = h('a', { href: url, download: `pb_schema.json` });
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  };
  mount(root,
    h('div', { class: 'export-choices' }, collections.map((c) => toggle(c.name, chosen.has(c.id), (v) => {
      if (v) chosen.add(c.id); else chosen.delete(c.id);
      update();
    }))),
    output,
    h('div', { class: 'actions' },
      h('button', { class: 'btn', type: 'button', onclick: async () => {
        try { await navigator.clipboard.writeText(output.value); toast('Copied.', 'success'); } catch { output.select(); }
      } }, 'Copy'),
      h('button', { class: 'btn btn-primary', type: 'button', onclick: download }, 'Download JSON')));
}

export function renderImport(root) {
  const input = h('textarea', { class: 'code', rows: 14, name: 'collections', placeholder: '[{"name": "posts", "type": "base", "fields": [...]}]' });
  const file = h('input', { type: 'file', accept: 'application/json,.json', onchange: async () => {
    if (file.files[0]) { input.value = await file.files[0].text(); check(); }
  } });
  let deleteMissing = false;
  const summary = h('div', { class: 'import-summary', 'aria-live': 'polite' });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const submit = h('button', { class: 'btn btn-primary', type: 'button', disabled: true, onclick: run }, 'Review done, import');
  let parsed = null;

  function check() {
    error.hidden = true;
    parsed = null;
    try {
      const value = JSON.parse(input.value);
      if (!Array.isArray(value) || value.some((c) => !c || typeof c !== 'object' || !c.name)) throw new Error('Expected an array of collections with names.');
      parsed = value;
      const existing = new Set(store.collections.map((c) => c.name));
      const added = value.filter((c) => !existing.has(c.name)).map((c) => c.name);
      const changed = value.filter((c) => existing.has(c.name)).map((c) => c.name);
      const names = new Set(value.map((c) => c.name));
      const removed = deleteMissing ? store.collections.filter((c) => !c.system && !names.has(c.name)).map((c) => c.name) : [];
      mount(summary,
        added.length ? h('p', {}, `New: ${added.join(', ')}`) : null,
        changed.length ? h('p', {}, `Changed: ${changed.join(', ')}`) : null,
        removed.length ? h('p', { class: 'error' }, `Deleted (with their records): ${removed.join(', ')}`) : null);
    } catch (err) {
      mount(summary);
      if (input.value.trim()) { error.textContent = `Invalid collections JSON: ${err.message}`; error.hidden = false; }
    }
    submit.disabled = !parsed;
  }

  async function run() {
    try {
      await api('PUT', '/api/collections/import', { body: { collections: parsed, deleteMissing } });
      await store.loadCollections();
      toast('Collections imported.', 'success');
      input.value = '';
      check();
    } catch (err) {
      error.textContent = errorText(err);
      error.hidden = false;
    }
  }

  input.addEventListener('input', check);
  mount(root,
    labelled('Collections JSON', input, 'Paste an export, or load a file.'),
    labelled('Load from file', file),
    toggle('Delete collections and fields missing from the import', false, (v) => { deleteMissing = v; check(); }),
    summary, error, submit);
}
