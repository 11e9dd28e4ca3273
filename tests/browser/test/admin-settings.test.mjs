// Settings, import/export, health, sign-out/in and keyboard use of the dashboard.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DESKTOP, finish, launch, newPage, PHONE, shot } from '../admin/browser.mjs';
import { apiAsSuperuser, clearToasts, install, openCollection, panel, signIn, SUPERUSER } from '../admin/dashboard.mjs';
import { startServer } from '../admin/server.mjs';

describe('dashboard: settings and session', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startServer();
    browser = await launch();
    page = await newPage(browser, DESKTOP);
    await install(page, server.installUrl);
  });

  after(async () => {
    await finish(page, 'settings');
    await browser?.close();
    await server?.stop();
  });

  it('saves the application name and URL', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Application name').fill('Call Demo');
    await page.getByLabel('Application URL').fill('http://127.0.0.1:5173');
    await clearToasts(page);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.toast', { hasText: 'Settings saved.' }).waitFor();
    await shot(page, 'settings-1280');
    await page.reload();
    await page.getByLabel('Application name').waitFor();
    assert.equal(await page.getByLabel('Application name').inputValue(), 'Call Demo');
    assert.equal(await page.title(), 'Call Demo - Dashboard');
    const settings = await apiAsSuperuser(page, '/api/settings');
    assert.equal(settings.body.meta.appURL, 'http://127.0.0.1:5173');
  });

  it('hides the collection create and edit controls when asked to', async () => {
    await page.getByRole('link', { name: 'Application' }).click();
    await page.getByLabel('Hide collection create and edit controls').check();
    await clearToasts(page);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.toast', { hasText: 'Settings saved.' }).waitFor();
    await page.getByRole('link', { name: 'Collections', exact: true }).click();
    await page.locator('.records-table').waitFor();
    assert.equal(await page.getByRole('button', { name: '+ New collection' }).isVisible(), false);
    assert.equal(await page.getByRole('button', { name: 'Edit collection' }).isVisible(), false);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Hide collection create and edit controls').uncheck();
    await clearToasts(page);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.toast', { hasText: 'Settings saved.' }).waitFor();
    assert.equal((await apiAsSuperuser(page, '/api/settings')).body.meta.hideControls, false);
  });

  it('saves SMTP settings without echoing the password', async () => {
    await page.getByRole('link', { name: 'Mail settings' }).click();
    await page.getByLabel('SMTP server host').fill('smtp.internal.test');
    await page.getByLabel('Port').fill('2525');
    await page.getByLabel('Use an SMTP mail server').check();
    await clearToasts(page);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.toast', { hasText: 'Settings saved.' }).waitFor();
    await shot(page, 'settings-mail-1280');
    const { smtp } = (await apiAsSuperuser(page, '/api/settings')).body;
    assert.equal(smtp.host, 'smtp.internal.test');
    assert.equal(smtp.port, 2525);
    assert.equal(smtp.enabled, true);
  });

  it('sends a test email request and shows the outcome', async () => {
    await page.getByRole('link', { name: 'Mail settings' }).click();
    await page.getByLabel('To').fill('someone@example.com');
    const request = page.waitForRequest((r) => r.url().endsWith('/api/settings/test/email'));
    await page.getByRole('button', { name: 'Send test email' }).click();
    const body = JSON.parse((await request).postData());
    assert.deepEqual(body, { email: 'someone@example.com', template: 'verification', collection: 'users' });
    // The SMTP host saved above does not exist here, so the server's failure must be shown.
    const outcome = page.locator('.test-mail p.error');
    await outcome.waitFor();
    assert.ok((await outcome.textContent()).length > 10);
    await shot(page, 'settings-test-mail-error-1280');
  });
  it('edits the rate limits', async () => {
    await page.getByRole('link', { name: 'Rate limits' }).click();
    await page.getByRole('button', { name: '+ Add rule' }).click();
    const last = page.locator('tbody tr').last();
    await last.getByRole('textbox', { name: /label/ }).fill('/api/collections/users/auth-with-password');
    await last.getByRole('spinbutton', { name: /max requests/ }).fill('5');
    await clearToasts(page);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.toast', { hasText: 'Settings saved.' }).waitFor();
    const { rateLimits } = (await apiAsSuperuser(page, '/api/settings')).body;
    const rule = rateLimits.rules.find((r) => r.label === '/api/collections/users/auth-with-password');
    assert.equal(rule?.maxRequests, 5);
  });

  it('sets token durations of auth collections', async () => {
    await page.getByRole('link', { name: 'Token durations' }).click();
    const users = page.getByRole('form', { name: 'users tokens', exact: true });
    await users.getByLabel('Auth token duration (seconds)').fill('86400');
    await clearToasts(page);
    await users.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.toast', { hasText: 'Token durations of "users" saved.' }).waitFor();
    const collection = await apiAsSuperuser(page, '/api/collections/users');
    assert.equal(collection.body.authToken.duration, 86400);
  });

  it('exports the collections and imports a new one', async () => {
    await page.getByRole('link', { name: 'Export collections' }).click();
    const exported = JSON.parse(await page.getByLabel('Exported collections JSON').inputValue());
    assert.ok(exported.some((c) => c.name === 'users'));
    assert.ok(!exported.some((c) => c.name === '_superusers'), 'system collections are opt-in');

    await page.getByRole('link', { name: 'Import collections' }).click();
    const json = JSON.stringify([{ name: 'imported_things', type: 'base', fields: [{ name: 'label', type: 'text' }],
      listRule: '', viewRule: '', createRule: null, updateRule: null, deleteRule: null }]);
    await page.getByLabel('Collections JSON').fill(json);
    await page.getByText('New: imported_things').waitFor();
    await shot(page, 'settings-import-1280');
    await clearToasts(page);
    await page.getByRole('button', { name: 'Review done, import' }).click();
    await page.locator('.toast', { hasText: 'Collections imported.' }).waitFor();
    const imported = await apiAsSuperuser(page, '/api/collections/imported_things');
    assert.equal(imported.status, 200);
    assert.ok(imported.body.fields.some((f) => f.name === 'label'));
  });

  it('shows the server health', async () => {
    await page.getByRole('link', { name: 'Server health' }).click();
    await page.locator('.health-message', { hasText: 'API is healthy.' }).waitFor();
    await page.locator('.app-nav .health.ok').waitFor();
  });

  it('opens and closes a record with the keyboard only', async () => {
    await openCollection(page, 'imported_things');
    await page.getByRole('button', { name: '+ New record' }).focus();
    await page.keyboard.press('Enter');
    await panel(page).getByLabel('label', { exact: true }).waitFor();
    // Focus starts on the first editable input (the optional id); Tab moves to "label".
    assert.equal(await page.evaluate(() => document.activeElement?.name), 'id');
    await page.keyboard.press('Tab');
    await page.keyboard.type('typed by keyboard');
    assert.equal(await panel(page).getByLabel('label', { exact: true }).inputValue(), 'typed by keyboard');
    // The footer's "Create" is reachable with Tab.
    for (let i = 0; i < 20 && !(await panel(page).getByRole('button', { name: 'Create' }).evaluate((b) => b === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await panel(page).waitFor({ state: 'detached' });
    const row = page.locator('tr.record-row', { hasText: 'typed by keyboard' });
    await row.focus();
    await page.keyboard.press('Enter');
    await panel(page).waitFor();
    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'detached' });
  });

  it('signs out and back in, rejecting a wrong password', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Superuser sign in' }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('pbs_superuser_auth')), null);
    await page.getByLabel('Email').fill(SUPERUSER.email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Invalid email or password.' }).waitFor();
    await shot(page, 'sign-in-error-1280');
    await signIn(page, server.url);
    await page.getByRole('link', { name: 'imported_things' }).waitFor();

    // A broken or expired installer link explains what to do instead.
    const stale = await newPage(browser, DESKTOP);
    await stale.goto(`${server.url}/_/#/pbinstall/not-a-token`);
    await stale.getByRole('alert').filter({ hasText: 'This installer link has expired' }).waitFor();
    await stale.context().close();

    const phone = await newPage(browser, PHONE);
    await phone.goto(`${server.url}/_/`);
    await phone.getByRole('heading', { name: 'Superuser sign in' }).waitFor();
    await shot(phone, 'sign-in-390');
    await phone.context().close();
  });
});
