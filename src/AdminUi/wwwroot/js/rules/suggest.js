// Autocomplete candidates for the rule editor: the collection's fields (and one relation hop),
// @request.*, @collection.* and the datetime macros.
import { store } from '../store.js';

const REQUEST = ['@request.auth.id', '@request.auth.collectionId', '@request.auth.collectionName',
  '@request.auth.email', '@request.auth.verified', '@request.auth.emailVisibility', '@request.method',
  '@request.context', '@request.headers.', '@request.query.', '@request.body.'];
const MACROS = ['@now', '@yesterday', '@tomorrow', '@todayStart', '@todayEnd', '@monthStart', '@monthEnd',
  '@yearStart', '@yearEnd', '@second', '@minute', '@hour', '@day', '@month', '@weekday', '@year'];
const MODIFIERS = [':isset', ':changed', ':length', ':each', ':lower'];

/** Every candidate for a collection being edited (`state` has name and fields). */
export function candidates(state) {
  const out = [];
  for (const f of state.fields) {
    if (!f.name) continue;
    out.push(f.name);
    if (f.type === 'relation') {
      const target = store.byId(f.collectionId);
      for (const t of target?.fields || []) out.push(`${f.name}.${t.name}`);
    }
    if (['select', 'relation', 'file'].includes(f.type)) out.push(`${f.name}:length`, `${f.name}:each`);
    out.push(`@request.body.${f.name}`, `@request.body.${f.name}:isset`, `@request.body.${f.name}:changed`);
  }
  out.push(...REQUEST, ...MACROS);
  const users = store.collections.find((c) => c.name === 'users');
  for (const f of users?.fields || []) out.push(`@request.auth.${f.name}`);
  for (const c of store.collections) out.push(`@collection.${c.name}.`);
  return [...new Set(out)];
}

/** The identifier being typed just before the cursor ("" when none). */
export function wordBefore(text, cursor) {
  const match = text.slice(0, cursor).match(/[\p{L}\d_@#.:]*$/u);
  return match ? match[0] : '';
}

/** Candidates completing `word`, best first (prefix matches, then modifiers after ":"). */
export function complete(word, all) {
  if (!word) return [];
  const lower = word.toLowerCase();
  if (word.includes(':') && !all.some((c) => c.toLowerCase().startsWith(lower))) {
    const base = word.slice(0, word.lastIndexOf(':'));
    return MODIFIERS.map((m) => base + m).filter((c) => c.toLowerCase().startsWith(lower) && c !== word);
  }
  return all.filter((c) => c.toLowerCase().startsWith(lower) && c !== word).slice(0, 8);
}
