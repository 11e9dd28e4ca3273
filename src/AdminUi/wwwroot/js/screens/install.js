// First run: the installer link `#/pbinstall/<token>` creates the first superuser (cli-and-layout.md §5).
import { api, auth, errorDetails, tokenSecondsLeft } from '../api.js';
import { h, labelled, mount } from '../dom.js';
import { go } from '../router.js';

export function renderInstall(root, token) {
  const email = h('input', { type: 'email', name: 'email', required: true, autocomplete: 'email', autofocus: true });
  const password = h('input', { type: 'password', name: 'password', required: true, minlength: 8, autocomplete: 'new-password' });
  const confirm = h('input', { type: 'password', name: 'passwordConfirm', required: true, autocomplete: 'new-password' });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const submit = h('button', { class: 'btn btn-primary btn-block', type: 'submit' }, 'Create superuser and sign in');
  const expired = tokenSecondsLeft(token) <= 0;

  async function onSubmit(e) {
    e.preventDefault();
    error.hidden = true;
    if (password.value !== confirm.value) return showError('The passwords do not match.');
    submit.disabled = true;
    try {
      const body = { email: email.value, password: password.value, passwordConfirm: confirm.value };
      await api('POST', '/api/collections/_superusers/records', { body, token });
      const result = await api('POST', '/api/collections/_superusers/auth-with-password', {
        body: { identity: email.value, password: password.value }, token: '' });
      auth.save(result.token, result.record);
      go('/collections');
    } catch (err) {
      const details = errorDetails(err.data);
      showError(err.status === 401 || err.status === 403
        ? 'The installer link is invalid or has expired. Restart the server for a new one, or create a superuser with: superuser upsert EMAIL PASS'
        : [err.message, ...details].join(' '));
    } finally {
      submit.disabled = false;
    }
  }
  function showError(text) { error.textContent = text; error.hidden = false; }

  // Alternatively start from a backup: upload it and restore it with the installer token; the
  // server restarts with the backup's data, whose superusers then sign in.
  const backup = h('input', { type: 'file', accept: '.zip,application/zip', 'aria-label': 'Backup to restore', hidden: true });
  const restoreStatus = h('p', { class: 'muted', 'aria-live': 'polite' });
  backup.addEventListener('change', async () => {
    const file = backup.files[0];
    backup.value = '';
    restoreStatus.textContent = 'Uploading and restoring…';
    try {
      const form = new FormData();
      form.append('file', file);
      await api('POST', '/api/backups/upload', { body: form, token });
      await api('POST', `/api/backups/${encodeURIComponent(file.name)}/restore`, { token });
      restoreStatus.textContent = 'Restoring… the server restarts.';
      await waitForRestart();
      go('/login');
    } catch (err) {
      restoreStatus.textContent = '';
      showError([err.message, ...errorDetails(err.data)].join(' '));
    }
  });

  mount(root, h('main', { class: 'center-page' },
    h('form', { class: 'card auth-card', onsubmit: onSubmit, 'aria-labelledby': 'install-title' },
      h('h1', { id: 'install-title' }, 'Create your first superuser'),
      h('p', { class: 'muted' }, 'Superusers manage collections, records and settings. You can add more later.'),
      expired ? h('p', { class: 'error', role: 'alert' }, 'This installer link has expired. Restart the server to get a new one.') : null,
      labelled('Email', email),
      labelled('Password', password, 'At least 8 characters.'),
      labelled('Password confirm', confirm),
      error, submit,
      h('p', { class: 'muted' }, 'Or start from a backup of another installation:'),
      h('button', { class: 'btn btn-block', type: 'button', onclick: () => backup.click() }, 'Upload and restore a backup'),
      backup, restoreStatus)));
}

/** Waits for the restart that follows a restore: the server first goes away, then answers again. */
async function waitForRestart() {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  await sleep(2000);
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch('/api/health')).ok) return;
    } catch { /* restarting */ }
    await sleep(500);
  }
}
