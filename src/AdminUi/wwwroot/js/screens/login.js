// Superuser sign-in.
import { api, auth } from '../api.js';
import { h, labelled, mount } from '../dom.js';
import { go } from '../router.js';

export function renderLogin(root) {
  const email = h('input', { type: 'email', name: 'email', required: true, autocomplete: 'username', autofocus: true });
  const password = h('input', { type: 'password', name: 'password', required: true, autocomplete: 'current-password' });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const submit = h('button', { class: 'btn btn-primary btn-block', type: 'submit' }, 'Sign in');

  async function onSubmit(e) {
    e.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    try {
      const result = await api('POST', '/api/collections/_superusers/auth-with-password', {
        body: { identity: email.value, password: password.value }, token: '' });
      auth.save(result.token, result.record);
      go('/collections');
    } catch (err) {
      error.textContent = err.status === 400 ? 'Invalid email or password.' : err.message;
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  }

  mount(root, h('main', { class: 'center-page' },
    h('form', { class: 'card auth-card', onsubmit: onSubmit, 'aria-labelledby': 'login-title' },
      h('h1', { id: 'login-title' }, 'Superuser sign in'),
      labelled('Email', email),
      labelled('Password', password),
      error, submit)));
}
