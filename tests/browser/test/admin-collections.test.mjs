// Collection editing in the dashboard: a field edit keeps the data, a bad rule is reported and
// nothing is saved, a view collection shows its rows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DESKTOP, finish, launch, newPage, shot } from '../admin/browser.mjs';
import { addField, apiAsSuperuser, createRecord, install, newCollection, openCollection, panel, saveCollection, setRule } from '../admin/dashboard.mjs';
import { startServer } from '../admin/server.mjs';

describe('dashboard: editing collections', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startServer();
    browser = await launch();
    page = await newPage(browser, DESKTOP);
    await install(page, server.installUrl);
    await newCollection(page, 'notes');
    await addField(page, 'text', 'title');
    await saveCollection(page, 'notes');
    await createRecord(page, (editor) => editor.getByLabel('title', { exact: true }).fill('keep me'));
    await page.locator('td[data-field="title"]', { hasText: 'keep me' }).waitFor();
  });

  after(async () => {
    await finish(page, 'collections');
    await browser?.close();
    await server?.stop();
  });

  it('renames a field and adds another without losing the records', async () => {
    await page.getByRole('button', { name: 'Edit collection' }).click();
    await panel(page).locator('.field-card[data-field="title"] .field-name').fill('heading');
    const count = await addField(page, 'number', 'views');
    await count.getByLabel('Min', { exact: true }).fill('0');
    await saveCollection(page, 'notes');
    await page.locator('td[data-field="heading"]', { hasText: 'keep me' }).waitFor();
    const records = await apiAsSuperuser(page, '/api/collections/notes/records');
    assert.equal(records.body.items.length, 1);
    assert.equal(records.body.items[0].heading, 'keep me');
    assert.equal(records.body.items[0].views, 0);
    assert.equal(records.body.items[0].title, undefined);
  });

  it('shows a syntax error as you type and the server error on save, saving nothing', async () => {
    await page.getByRole('button', { name: 'Edit collection' }).click();
    await setRule(page, 'listRule', 'heading = ');
    const rule = panel(page).locator('[data-rule="listRule"]');
    await assert.doesNotReject(rule.locator('.rule-status.error', { hasText: 'line 1, column 11' }).waitFor());
    assert.match(await rule.locator('.rule-status').textContent(), /unexpected end of rule, expected a field/);
    await shot(page, 'rule-syntax-error-1280');

    // A rule that is valid syntax but names an unknown field: only the server can tell.
    await setRule(page, 'listRule', 'nope = 1');
    assert.equal(await rule.locator('.rule-status').textContent(), 'Syntax OK.');
    await panel(page).locator('.panel-footer .btn-primary').click();
    await rule.locator('.server-error').waitFor();
    assert.match(await rule.locator('.server-error').textContent(), /invalid rule/i);
    assert.match(await panel(page).locator('.collection-form > .error').textContent(), /Failed to update collection/);
    await shot(page, 'rule-server-error-1280');
    const stored = await apiAsSuperuser(page, '/api/collections/notes');
    assert.equal(stored.body.listRule, null);

    await rule.locator('textarea').fill('heading != ""');
    await panel(page).locator('.panel-footer .btn-primary').click();
    await panel(page).waitFor({ state: 'detached' });
    assert.equal((await apiAsSuperuser(page, '/api/collections/notes')).body.listRule, 'heading != ""');
  });

  it('suggests fields and @request.* in the rule editor', async () => {
    await page.getByRole('button', { name: 'Edit collection' }).click();
    await panel(page).getByRole('tab', { name: 'API Rules' }).click();
    const rule = panel(page).locator('[data-rule="viewRule"]');
    await rule.locator('.lock-button').click();
    const textarea = rule.locator('textarea');
    await textarea.pressSequentially('@request.au');
    await rule.getByRole('option', { name: '@request.auth.id' }).waitFor();
    await textarea.press('Enter');
    assert.equal(await textarea.inputValue(), '@request.auth.id');
    await textarea.pressSequentially(" != '' && hea");
    await rule.getByRole('option', { name: 'heading' }).waitFor();
    await shot(page, 'rule-suggestions-1280');
    await textarea.press('Tab');
    assert.equal(await textarea.inputValue(), "@request.auth.id != '' && heading");
    await panel(page).getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Discard' }).click();
    await panel(page).waitFor({ state: 'detached' });
  });

  it('creates a view collection from a query and lists its rows', async () => {
    await newCollection(page, 'notes_view', 'view');
    await panel(page).getByLabel('Select query').fill('SELECT id, heading FROM notes');
    await setRule(page, 'listRule', '');
    await saveCollection(page, 'notes_view');
    await page.locator('td[data-field="heading"]', { hasText: 'keep me' }).waitFor();
    assert.equal(await page.getByRole('button', { name: '+ New record' }).count(), 0, 'views are read-only');
    const stored = await apiAsSuperuser(page, '/api/collections/notes_view');
    assert.equal(stored.body.type, 'view');
    assert.deepEqual(stored.body.fields.map((f) => f.name), ['id', 'heading']);
    await shot(page, 'view-collection-1280');
  });

  it('duplicates and deletes a collection', async () => {
    await openCollection(page, 'notes');
    await page.getByRole('button', { name: 'Edit collection' }).click();
    await panel(page).locator('.actions-menu summary').click();
    await panel(page).getByRole('button', { name: 'Duplicate' }).click();
    await panel(page).getByLabel('Name', { exact: true }).fill('notes_copy');
    await saveCollection(page, 'notes_copy');
    const copy = await apiAsSuperuser(page, '/api/collections/notes_copy');
    assert.deepEqual(copy.body.fields.map((f) => f.name), ['id', 'heading', 'views', 'created', 'updated']);

    await page.getByRole('button', { name: 'Edit collection' }).click();
    await panel(page).locator('.actions-menu summary').click();
    await panel(page).getByRole('button', { name: 'Delete' }).click();
    await page.locator('dialog.confirm').getByRole('button', { name: 'Delete' }).click();
    await panel(page).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'notes_copy' }).waitFor({ state: 'detached' });
    assert.equal((await apiAsSuperuser(page, '/api/collections/notes_copy')).status, 404);
  });
});
