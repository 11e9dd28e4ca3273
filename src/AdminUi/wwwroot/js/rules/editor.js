// One rule input: "Superusers only" lock (null) or an expression, checked as you type, with
// suggestions for fields and @request.*; the server's save error is shown under it.
import { h, nextId } from '../dom.js';
import { checkRule } from './syntax.js';
import { candidates, complete, wordBefore } from './suggest.js';

/**
 * Builds the editor for `state[key]`. Returns {el, showServerError(text)}.
 * `label` is the visible name, `hint` explains what an empty rule means for this action.
 */
export function ruleEditor(state, key, label, hint) {
  const id = nextId('rule');
  const listId = `${id}-suggestions`;
  const textarea = h('textarea', {
    id, name: key, rows: 2, class: 'code rule-input', spellcheck: 'false', autocomplete: 'off',
    value: state[key] ?? '', placeholder: 'Leave empty to grant everyone access',
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
  });
  const syntax = h('p', { class: 'rule-status', 'aria-live': 'polite' });
  const server = h('p', { class: 'error server-error', role: 'alert', hidden: true });
  const list = h('ul', { id: listId, class: 'suggestions', role: 'listbox', hidden: true, 'aria-label': `${label} suggestions` });
  const lock = h('button', { type: 'button', class: 'btn btn-small lock-button' });
  let options = [];
  let active = 0;

  function check() {
    const value = textarea.value;
    if (state[key] === null) {
      syntax.textContent = 'Only superusers can perform this action.';
      syntax.className = 'rule-status muted';
      return;
    }
    if (!value.trim()) {
      syntax.textContent = hint;
      syntax.className = 'rule-status muted';
      textarea.removeAttribute('aria-invalid');
      return;
    }
    const error = checkRule(value);
    syntax.textContent = error ? error.message : 'Syntax OK.';
    syntax.className = `rule-status ${error ? 'error' : 'ok'}`;
    if (error) textarea.setAttribute('aria-invalid', 'true');
    else textarea.removeAttribute('aria-invalid');
  }

  function drawLock() {
    const locked = state[key] === null;
    textarea.disabled = locked;
    textarea.value = locked ? '' : state[key];
    lock.textContent = locked ? 'Superusers only (click to unlock)' : 'Lock: superusers only';
    lock.setAttribute('aria-pressed', String(locked));
    check();
  }

  function suggest() {
    const word = wordBefore(textarea.value, textarea.selectionStart);
    options = complete(word, candidates(state));
    active = 0;
    list.hidden = options.length === 0;
    textarea.setAttribute('aria-expanded', String(!list.hidden));
    list.replaceChildren(...options.map((option, i) => h('li', {
      id: `${listId}-${i}`, role: 'option', class: 'suggestion', 'aria-selected': String(i === active),
      onmousedown: (e) => { e.preventDefault(); accept(i); },
    }, option)));
    if (options.length) textarea.setAttribute('aria-activedescendant', `${listId}-0`);
    else textarea.removeAttribute('aria-activedescendant');
  }

  function accept(i) {
    const cursor = textarea.selectionStart;
    const word = wordBefore(textarea.value, cursor);
    const insert = options[i];
    textarea.value = textarea.value.slice(0, cursor - word.length) + insert + textarea.value.slice(cursor);
    const at = cursor - word.length + insert.length;
    textarea.setSelectionRange(at, at);
    state[key] = textarea.value;
    closeList();
    check();
  }

  function closeList() {
    list.hidden = true;
    options = [];
    textarea.setAttribute('aria-expanded', 'false');
    textarea.removeAttribute('aria-activedescendant');
  }

  function highlight(i) {
    active = (i + options.length) % options.length;
    [...list.children].forEach((li, n) => li.setAttribute('aria-selected', String(n === active)));
    textarea.setAttribute('aria-activedescendant', `${listId}-${active}`);
  }

  textarea.addEventListener('input', () => {
    state[key] = textarea.value;
    server.hidden = true;
    check();
    suggest();
  });
  textarea.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); highlight(active + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(active - 1); }
    else if (e.key === 'Enter' || e.key === 'Tab') { e.preventDefault(); accept(active); }
    else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); closeList(); }
  });
  textarea.addEventListener('blur', () => setTimeout(closeList, 100));
  lock.addEventListener('click', () => {
    state[key] = state[key] === null ? '' : null;
    drawLock();
    if (state[key] !== null) textarea.focus();
  });
  drawLock();

  const el = h('div', { class: 'rule-editor', 'data-rule': key },
    h('div', { class: 'rule-head' }, h('label', { for: id }, label), lock),
    h('div', { class: 'rule-box' }, textarea, list), syntax, server);
  return {
    el,
    showServerError(text) { server.textContent = text; server.hidden = !text; },
  };
}
