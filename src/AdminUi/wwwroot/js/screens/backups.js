// Settings / Backups: list, create, upload, download, delete and restore backups of pb_data, and the
// auto-backup schedule (backups.cron, backups.cronMaxKeep).
import { api, errorText } from '../api.js';
import { confirmDialog, h, labelled, mount, shortDate, toast } from '../dom.js';
import { saveSettings } from './settings.js';

const sizeText = (bytes) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs an action, reporting failures as a toast; true on success. */
async function attempt(action) {
  try {
    await action();
    return true;
  } catch (err) {
    toast(errorText(err), 'error');
    return false;
  }
}

// Downloads go through a plain link, so the superuser proves itself with a short-lived file token.
async function download(key) {
  const { token } = await api('POST', '/api/files/token');
  const link = h('a', { href: `/api/backups/${encodeURIComponent(key)}?token=${encodeURIComponent(token)}`, download: key });
  document.body.append(link);
  link.click();
  link.remove();
}

// The server answers 204, then stops, swaps pb_data and starts again: wait until it answers again.
async function restore(key) {
  await api('POST', `/api/backups/${encodeURIComponent(key)}/restore`);
  toast('Restoring… the server restarts.', 'info');
  await sleep(2000);
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch('/api/health')).ok) break;
    } catch { /* restarting */ }
    await sleep(500);
  }
  location.reload();
}

function renderSchedule(settings) {
  const backups = { cron: settings.backups?.cron ?? '', cronMaxKeep: settings.backups?.cronMaxKeep ?? 3 };
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  return h('form', { class: 'card settings-form', 'aria-label': 'Auto backups', onsubmit: (e) => { e.preventDefault(); saveSettings({ backups }, error); } },
    h('h3', {}, 'Auto backups'),
    h('div', { class: 'grid-2' },
      labelled('Cron expression', h('input', { name: 'cron', value: backups.cron, placeholder: 'e.g. 0 0 * * * (empty = off)',
        oninput: (e) => { backups.cron = e.target.value.trim(); } }), 'Times are UTC.'),
      labelled('Max auto backups to keep', h('input', { type: 'number', min: 1, name: 'cronMaxKeep', value: backups.cronMaxKeep,
        oninput: (e) => { backups.cronMaxKeep = Number(e.target.value); } }))),
    error, h('button', { class: 'btn btn-primary', type: 'submit' }, 'Save changes'));
}

export async function renderBackups(root, settings) {
  const rows = h('tbody');
  const name = h('input', { name: 'backupName', placeholder: 'Leave empty for a generated name' });
  const upload = h('input', { type: 'file', accept: '.zip,application/zip', 'aria-label': 'Upload backup', hidden: true });
  async function draw() {
    const list = await api('GET', '/api/backups');
    mount(rows, list.length ? list.map((b) => h('tr', {},
      h('td', {}, b.key), h('td', {}, sizeText(b.size)), h('td', {}, shortDate(b.modified)),
      h('td', {},
        h('button', { class: 'btn', type: 'button', 'aria-label': `Download ${b.key}`, onclick: () => attempt(() => download(b.key)) }, 'Download'),
        h('button', { class: 'btn', type: 'button', 'aria-label': `Restore ${b.key}`, onclick: async () => {
          if (await confirmDialog(`Restore ${b.key}? The current data is replaced and the server restarts.`, 'Restore')) await attempt(() => restore(b.key));
        } }, 'Restore'),
        h('button', { class: 'btn btn-danger-text', type: 'button', 'aria-label': `Delete ${b.key}`, onclick: async () => {
          if (await confirmDialog(`Delete ${b.key}?`, 'Delete') && await attempt(() => api('DELETE', `/api/backups/${encodeURIComponent(b.key)}`))) await draw();
        } }, 'Delete'))))
      : [h('tr', {}, h('td', { colspan: 4, class: 'muted' }, 'No backups yet.'))]);
  }
  upload.addEventListener('change', async () => {
    const form = new FormData();
    form.append('file', upload.files[0]);
    upload.value = '';
    if (await attempt(() => api('POST', '/api/backups/upload', { body: form }))) { toast('Backup uploaded.', 'success'); await draw(); }
  });
  mount(root,
    h('form', { class: 'settings-form', 'aria-label': 'Create backup', onsubmit: async (e) => {
      e.preventDefault();
      const body = name.value.trim() ? { name: name.value.trim() } : {};
      if (await attempt(() => api('POST', '/api/backups', { body }))) { name.value = ''; toast('Backup created.', 'success'); await draw(); }
    } },
    h('div', { class: 'grid-2' }, labelled('Backup name', name),
      h('div', { class: 'actions' }, h('button', { class: 'btn btn-primary', type: 'submit' }, 'Create backup'),
        h('button', { class: 'btn', type: 'button', onclick: () => upload.click() }, 'Upload backup'), upload))),
    h('div', { class: 'table-wrap backups-table' }, h('table', { class: 'records-table', 'aria-label': 'Backups' },
      h('thead', {}, h('tr', {}, ['Name', 'Size', 'Modified (UTC)', ''].map((t) => h('th', {}, t)))), rows)),
    renderSchedule(settings));
  await attempt(draw);
}
