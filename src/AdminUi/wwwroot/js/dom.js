// Small DOM helpers shared by every screen: element builder, toasts, dialogs, side panels.

/**
 * h('button', {class:'btn', onclick: fn, 'aria-label': 'x'}, 'text', child...) builds an element.
 * Props starting with "on" become listeners, `class`/`text`/`value`/`checked` are set directly,
 * everything else is an attribute (false/null skips it). Children may be strings, nodes or arrays.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'value' || key === 'checked' || key === 'selected' || key === 'indeterminate') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

let uid = 0;
/** A unique element id, used to tie labels to inputs. */
export const nextId = (prefix = 'f') => `${prefix}${++uid}`;

/** A labelled form row: label + control (+ optional hint). Returns the row. */
export function labelled(text, control, hint) {
  if (!control.id) control.id = nextId();
  return h('div', { class: 'form-row' },
    h('label', { for: control.id }, text), control,
    hint ? h('small', { class: 'hint' }, hint) : null);
}

/** A checkbox with its label, for on/off options. */
export function toggle(text, checked, onchange, extra = {}) {
  const input = h('input', { type: 'checkbox', checked, onchange: (e) => onchange(e.target.checked), ...extra });
  return h('label', { class: 'toggle' }, input, h('span', {}, text));
}

/** Shows a short message at the bottom of the screen; errors stay longer and are announced. */
export function toast(message, type = 'info') {
  let box = document.getElementById('toasts');
  if (!box) {
    box = h('div', { id: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(box);
  }
  const item = h('div', { class: `toast toast-${type}`, role: type === 'error' ? 'alert' : null }, message);
  box.append(item);
  while (box.children.length > 3) box.firstElementChild.remove(); // keep the screen readable
  setTimeout(() => item.remove(), type === 'error' ? 8000 : 3000);
}

/** A modal yes/no question; resolves true when confirmed. */
export function confirmDialog(question, confirmText = 'Yes') {
  return new Promise((resolve) => {
    const close = (answer) => { dialog.close(); dialog.remove(); resolve(answer); };
    const dialog = h('dialog', { class: 'confirm', 'aria-label': 'Confirm' },
      h('p', {}, question),
      h('div', { class: 'actions' },
        h('button', { class: 'btn', type: 'button', onclick: () => close(false) }, 'Cancel'),
        h('button', { class: 'btn btn-danger', type: 'button', onclick: () => close(true) }, confirmText)));
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(false); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * Opens a side panel (full screen on phones) as a modal dialog. `build(panel)` fills
 * panel.body/panel.footer. Resolves when closed; Escape asks onClose (if given) first.
 */
export function openPanel({ title, wide = false, onClose }) {
  const body = h('div', { class: 'panel-body' });
  const footer = h('div', { class: 'panel-footer' });
  const header = h('div', { class: 'panel-header' });
  const heading = h('h2', {}, title);
  const dialog = h('dialog', { class: `panel${wide ? ' panel-wide' : ''}`, 'aria-label': title });
  const panel = {
    dialog, body, footer, header, heading,
    close() { dialog.close(); dialog.remove(); panel.closed?.(); },
    async requestClose() { if (!onClose || (await onClose()) !== false) panel.close(); },
  };
  header.append(heading, h('button', { class: 'btn btn-icon', type: 'button', 'aria-label': 'Close', onclick: () => panel.requestClose() }, '✕'));
  dialog.append(header, body, footer);
  dialog.addEventListener('cancel', (e) => { e.preventDefault(); panel.requestClose(); });
  document.body.append(dialog);
  dialog.showModal();
  return panel;
}

/** Replaces the children of `el`. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Appends children, skipping null/false (unlike Element.append, which prints "null"). */
export function add(el, ...children) {
  append(el, children);
  return el;
}

/** Formats a PocketBase date string for tables (kept in UTC, as stored). */
export function shortDate(value) {
  return value ? value.replace(/\.\d+Z$/, ' UTC') : '';
}
