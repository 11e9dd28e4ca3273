// Settings: application, mail (SMTP + test mail), rate limits, token durations, backups, collections
// import/export and server health, one sub-page each (#/settings/<page>).
import { api, errorText } from '../api.js';
import { h, labelled, mount, toast, toggle } from '../dom.js';
import { store } from '../store.js';
import { renderBackups } from './backups.js';
import { renderExport, renderImport } from './importExport.js';
import { renderHealth, renderRateLimits, renderTokens } from './settingsMore.js';

const PAGES = [['', 'Application'], ['mail', 'Mail settings'], ['rate-limits', 'Rate limits'],
  ['tokens', 'Token durations'], ['backups', 'Backups'], ['export', 'Export collections'], ['import', 'Import collections'], ['health', 'Server health']];

/** Saves a partial settings object; shows the outcome. */
export async function saveSettings(patch, errorBox) {
  errorBox.hidden = true;
  try {
    store.settings = await api('PATCH', '/api/settings', { body: patch });
    toast('Settings saved.', 'success');
    return true;
  } catch (err) {
    errorBox.textContent = errorText(err);
    errorBox.hidden = false;
    return false;
  }
}

function renderApplication(root, settings) {
  const meta = structuredClone(settings.meta || {});
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const input = (key, type = 'text') => h('input', { type, name: key, value: meta[key] ?? '', oninput: (e) => { meta[key] = e.target.value; } });
  mount(root, h('form', { class: 'settings-form', onsubmit: async (e) => {
    e.preventDefault();
    if (await saveSettings({ meta }, error)) {
      document.title = `${meta.appName} - Dashboard`;
      document.body.classList.toggle('hide-controls', !!meta.hideControls);
    }
  } },
  labelled('Application name', input('appName')),
  labelled('Application URL', input('appURL', 'url'), 'Used in emails and OAuth2 redirects.'),
  toggle('Hide collection create and edit controls', meta.hideControls, (v) => { meta.hideControls = v; }),
  error, h('button', { class: 'btn btn-primary', type: 'submit' }, 'Save changes')));
}

function renderMail(root, settings) {
  const meta = { senderName: settings.meta?.senderName ?? '', senderAddress: settings.meta?.senderAddress ?? '' };
  const smtp = structuredClone(settings.smtp || {});
  smtp.password = '';
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const bind = (obj, key, type = 'text', extra = {}) => h('input', { type, name: key, value: obj[key] ?? '', ...extra,
    oninput: (e) => { obj[key] = type === 'number' ? Number(e.target.value) : e.target.value; } });
  const testTo = h('input', { type: 'email', name: 'testEmail', placeholder: 'you@example.com' });
  const template = h('select', { name: 'template' }, ['verification', 'password-reset', 'email-change', 'otp', 'login-alert']
    .map((t) => h('option', { value: t }, t)));
  const testResult = h('p', { 'aria-live': 'polite' });
  async function sendTest() {
    testResult.className = 'muted';
    testResult.textContent = 'Sending…';
    try {
      await api('POST', '/api/settings/test/email', { body: { email: testTo.value, template: template.value, collection: 'users' } });
      testResult.className = 'ok';
      testResult.textContent = `Test email sent to ${testTo.value}.`;
    } catch (err) {
      testResult.className = 'error';
      testResult.textContent = errorText(err);
    }
  }
  mount(root, h('form', { class: 'settings-form', onsubmit: (e) => {
    e.preventDefault();
    const patch = { meta, smtp: { ...smtp } };
    if (!patch.smtp.password) delete patch.smtp.password; // blank keeps the stored secret
    saveSettings(patch, error);
  } },
  labelled('Sender name', bind(meta, 'senderName')),
  labelled('Sender address', bind(meta, 'senderAddress', 'email')),
  toggle('Use an SMTP mail server (recommended)', smtp.enabled, (v) => { smtp.enabled = v; }),
  h('div', { class: 'grid-2' },
    labelled('SMTP server host', bind(smtp, 'host')),
    labelled('Port', bind(smtp, 'port', 'number', { min: 1, max: 65535 })),
    labelled('Username', bind(smtp, 'username', 'text', { autocomplete: 'off' })),
    labelled('Password', bind(smtp, 'password', 'password', { autocomplete: 'new-password', placeholder: 'Leave empty to keep' })),
    labelled('Auth method', h('select', { name: 'authMethod', onchange: (e) => { smtp.authMethod = e.target.value; } },
      [['', 'Auto'], ['PLAIN', 'PLAIN'], ['LOGIN', 'LOGIN']].map(([v, l]) => h('option', { value: v, selected: smtp.authMethod === v }, l)))),
    labelled('EHLO/HELO domain', bind(smtp, 'localName', 'text', { placeholder: 'Default: localhost' }))),
  toggle('Use TLS', smtp.tls, (v) => { smtp.tls = v; }),
  error, h('button', { class: 'btn btn-primary', type: 'submit' }, 'Save changes')),
  h('section', { class: 'card test-mail', 'aria-label': 'Send a test email' },
    h('h3', {}, 'Send a test email'),
    h('div', { class: 'grid-2' }, labelled('To', testTo), labelled('Template', template)),
    h('button', { class: 'btn', type: 'button', onclick: sendTest }, 'Send test email'), testResult));
}

export async function renderSettings(main, path) {
  const page = path.split('/')[2] || '';
  const body = h('div', { class: 'settings-body' });
  mount(main, h('div', { class: 'settings-page' },
    h('nav', { class: 'settings-nav', 'aria-label': 'Settings' }, PAGES.map(([p, label]) => h('a', {
      href: `#/settings${p ? `/${p}` : ''}`, 'aria-current': p === page ? 'page' : null }, label))),
    h('section', { class: 'settings-content' },
      h('header', { class: 'page-header' }, h('h1', {}, h('span', { class: 'muted' }, 'Settings / '),
        PAGES.find(([p]) => p === page)?.[1] || 'Application')), body)));
  if (page === 'export') return renderExport(body);
  if (page === 'import') return renderImport(body);
  if (page === 'health') return renderHealth(body);
  if (page === 'tokens') return renderTokens(body);
  try {
    const settings = await api('GET', '/api/settings');
    store.settings = settings;
    if (page === 'mail') renderMail(body, settings);
    else if (page === 'rate-limits') renderRateLimits(body, settings);
    else if (page === 'backups') await renderBackups(body, settings);
    else renderApplication(body, settings);
  } catch (err) {
    mount(body, h('p', { class: 'error', role: 'alert' }, `Could not load the settings: ${errorText(err)}`));
  }
}
