// Parts of the collection editor besides fields and rules: indexes, the view query with its
// preview, and the auth collection's options.
import { api, errorText } from '../api.js';
import { h, labelled, mount, toggle } from '../dom.js';

/** Editable list of raw CREATE INDEX statements. */
export function renderIndexes(root, state) {
  const redraw = () => renderIndexes(root, state);
  mount(root,
    h('h3', {}, 'Indexes'),
    state.indexes.length ? null : h('p', { class: 'muted' }, 'No indexes.'),
    state.indexes.map((index, i) => h('div', { class: 'index-row' },
      h('input', { type: 'text', class: 'code', value: index, 'aria-label': `Index ${i + 1}`,
        oninput: (e) => { state.indexes[i] = e.target.value; } }),
      h('button', { class: 'btn btn-icon btn-danger-text', type: 'button', 'aria-label': `Remove index ${i + 1}`,
        onclick: () => { state.indexes.splice(i, 1); redraw(); } }, '✕'))),
    h('button', { class: 'btn', type: 'button', onclick: () => {
      const suffix = Math.random().toString(36).slice(2, 8);
      state.indexes.push(`CREATE INDEX \`idx_${suffix}\` ON \`${state.name || 'collection'}\` (\`${state.fields[1]?.name || 'id'}\`)`);
      redraw();
      root.querySelector('.index-row:last-of-type input')?.focus();
    } }, '+ New index'));
}

const cell = (v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? ''));

/** The SELECT of a view collection, with a preview through meta/dry-run-view. */
export function renderViewQuery(root, state) {
  const textarea = h('textarea', { class: 'code', rows: 8, name: 'viewQuery', value: state.viewQuery || '',
    placeholder: 'SELECT id, title FROM posts', oninput: (e) => { state.viewQuery = e.target.value; } });
  const preview = h('div', { class: 'view-preview', 'aria-live': 'polite' });
  async function run() {
    mount(preview, h('p', { class: 'muted' }, 'Running…'));
    try {
      const result = await api('POST', '/api/collections/meta/dry-run-view', { body: { query: textarea.value } });
      const names = result.fields.map((f) => f.name);
      mount(preview,
        h('p', {}, 'Fields: ', result.fields.map((f) => h('span', { class: 'badge' }, `${f.name} (${f.type})`))),
        h('div', { class: 'table-wrap' }, h('table', { class: 'records-table' },
          h('thead', {}, h('tr', {}, names.map((n) => h('th', {}, n)))),
          h('tbody', {}, (result.sample || []).map((row) => h('tr', {}, names.map((n) => h('td', {}, cell(row[n])))))))),
        result.sample?.length ? null : h('p', { class: 'muted' }, 'The query returns no rows yet.'));
    } catch (err) {
      mount(preview, h('p', { class: 'error', role: 'alert' }, errorText(err)));
    }
  }
  mount(root, labelled('Select query', textarea, 'One SELECT statement; it must return an id column. The fields are inferred from it.'),
    h('button', { class: 'btn', type: 'button', onclick: run }, 'Preview'), preview);
}

const TOKENS = [['authToken', 'Auth token'], ['verificationToken', 'Email verification token'],
  ['passwordResetToken', 'Password reset token'], ['emailChangeToken', 'Email change token'], ['fileToken', 'Protected file access token']];

/** Token lifetimes of an auth collection (seconds). Also used by the settings page. */
export function tokenDurationInputs(state) {
  return TOKENS.map(([key, label]) => labelled(`${label} duration (seconds)`, h('input', {
    type: 'number', min: 0, step: 1, name: `${key}.duration`, value: state[key]?.duration ?? '',
    oninput: (e) => { state[key] = { ...(state[key] || {}), duration: Number(e.target.value) }; },
  })));
}

/** Auth collection options (password auth, identity fields, OTP, MFA, OAuth2 switch, tokens). */
export function renderAuthOptions(root, state) {
  const nested = (key, prop) => (v) => { state[key] = { ...(state[key] || {}), [prop]: v }; };
  mount(root,
    h('h3', {}, 'Password authentication'),
    toggle('Enable identity/password auth', state.passwordAuth?.enabled, nested('passwordAuth', 'enabled')),
    labelled('Identity fields', h('input', { type: 'text', value: (state.passwordAuth?.identityFields || []).join(', '),
      oninput: (e) => nested('passwordAuth', 'identityFields')(e.target.value.split(',').map((s) => s.trim()).filter(Boolean)) }),
    'Comma separated; every identity field needs a unique index.'),
    h('h3', {}, 'One-time password (OTP)'),
    toggle('Enable OTP', state.otp?.enabled, nested('otp', 'enabled')),
    labelled('OTP duration (seconds)', h('input', { type: 'number', min: 0, value: state.otp?.duration ?? 180, oninput: (e) => nested('otp', 'duration')(Number(e.target.value)) })),
    labelled('OTP length', h('input', { type: 'number', min: 4, value: state.otp?.length ?? 8, oninput: (e) => nested('otp', 'length')(Number(e.target.value)) })),
    h('h3', {}, 'Multi-factor authentication (MFA)'),
    toggle('Enable MFA (needs two enabled auth methods)', state.mfa?.enabled, nested('mfa', 'enabled')),
    labelled('MFA duration (seconds)', h('input', { type: 'number', min: 0, value: state.mfa?.duration ?? 600, oninput: (e) => nested('mfa', 'duration')(Number(e.target.value)) })),
    h('h3', {}, 'OAuth2'),
    toggle('Enable OAuth2', state.oauth2?.enabled, nested('oauth2', 'enabled')),
    h('p', { class: 'muted' }, `${state.oauth2?.providers?.length || 0} provider(s) configured. Providers can be set through the collections import.`),
    h('h3', {}, 'Login alerts'),
    toggle('Send an email on sign-in from a new location', state.authAlert?.enabled, nested('authAlert', 'enabled')),
    h('h3', {}, 'Token durations'),
    tokenDurationInputs(state));
}
