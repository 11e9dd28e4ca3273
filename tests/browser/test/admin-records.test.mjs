// Records in the dashboard: paging, sorting, filtering (with inline errors), columns, editing,
// bulk delete, the relation picker and delete with cascade.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase from 'pb028';
import { DESKTOP, finish, launch, newPage, shot } from '../admin/browser.mjs';
import { createRecord, install, openCollection, panel, SUPERUSER } from '../admin/dashboard.mjs';
import { startServer } from '../admin/server.mjs';

describe('dashboard: records', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let page;
  let pb;
  const rows = () => page.locator('.records-table tbody tr.record-row');
  const column = (name) => page.locator(`.records-table td[data-field="${name}"]`).allTextContents();
  const total = () => page.locator('.pager .total').textContent();

  before(async () => {
    server = await startServer();
    browser = await launch();
    page = await newPage(browser, DESKTOP);
    await install(page, server.installUrl);
    // The schema and bulk data come through the SDK; what is tested is the dashboard.
    pb = new PocketBase(server.url);
    await pb.collection('_superusers').authWithPassword(SUPERUSER.email, SUPERUSER.password);
    await pb.collections.create({ name: 'items', type: 'base', fields: [
      { name: 'name', type: 'text' }, { name: 'n', type: 'number' },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false }] });
    for (let n = 1; n <= 25; n++) await pb.collection('items').create({ name: `item ${n}`, n });
    const parents = await pb.collections.create({ name: 'parents', type: 'base', fields: [{ name: 'title', type: 'text', presentable: true }] });
    await pb.collections.create({ name: 'children', type: 'base', fields: [
      { name: 'label', type: 'text' },
      { name: 'parent', type: 'relation', collectionId: parents.id, maxSelect: 1, cascadeDelete: true }] });
    await pb.collection('parents').create({ title: 'first parent' });
    await pb.collection('parents').create({ title: 'second parent' });
    await page.reload();
    await openCollection(page, 'items');
    await rows().first().waitFor();
  });

  after(async () => {
    await finish(page, 'records');
    await browser?.close();
    await server?.stop();
  });

  it('pages through the records', async () => {
    await page.getByLabel('Records per page').selectOption('10');
    await page.getByText('Page 1 of 3').waitFor();
    assert.equal(await rows().count(), 10);
    assert.equal(await total(), 'Total: 25');
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2 of 3').waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 3 of 3').waitFor();
    assert.equal(await rows().count(), 5);
    assert.ok(await page.getByRole('button', { name: 'Next page' }).isDisabled());
  });

  it('sorts by a column, ascending then descending', async () => {
    await page.locator('th .sort-button[data-field="n"]').click();
    await page.locator('.records-table th .sort-button[data-sort="asc"]').waitFor();
    await page.getByText('Page 1 of 3').waitFor();
    assert.deepEqual((await column('n')).slice(0, 3), ['1', '2', '3']);
    await page.locator('th .sort-button[data-field="n"]').click();
    await page.locator('.records-table th .sort-button[data-sort="desc"]').waitFor();
    await page.waitForFunction(() => document.querySelector('.records-table td[data-field="n"]')?.textContent === '25');
    assert.deepEqual((await column('n')).slice(0, 3), ['25', '24', '23']);
    await shot(page, 'records-sorted-1280');
  });

  it('filters with the filter language and reports errors inline', async () => {
    const filter = page.getByRole('searchbox', { name: 'Filter records' });
    await filter.fill('n > 20 && n <= 23');
    await filter.press('Enter');
    await page.waitForFunction(() => document.querySelector('.pager .total')?.textContent === 'Total: 3');
    assert.deepEqual((await column('n')).sort(), ['21', '22', '23']);
    assert.match(page.url(), /filter=n/);

    await filter.fill('n >');
    const error = page.locator('.filter-error');
    await error.waitFor();
    assert.match(await error.textContent(), /line 1, column 4/);
    await shot(page, 'records-filter-error-1280');

    await filter.fill('nope = 1');
    await filter.press('Enter');
    await page.locator('.filter-error', { hasText: 'The server rejected the filter' }).waitFor();

    await filter.fill('item 7');
    await filter.press('Enter');
    await page.waitForFunction(() => document.querySelector('.pager .total')?.textContent === 'Total: 1');
    assert.deepEqual(await column('name'), ['item 7']);
    await filter.fill('');
    await filter.press('Enter');
    await page.waitForFunction(() => document.querySelector('.pager .total')?.textContent === 'Total: 25');
  });

  it('chooses the visible columns', async () => {
    await page.locator('.columns-menu summary').click();
    await page.locator('.columns-menu').getByLabel('name', { exact: true }).uncheck();
    await page.locator('.columns-menu summary').click();
    assert.equal(await page.locator('.records-table td[data-field="name"]').count(), 0);
    await page.reload();
    await rows().first().waitFor();
    assert.equal(await page.locator('.records-table td[data-field="name"]').count(), 0, 'the choice is remembered');
    await page.locator('.columns-menu summary').click();
    await page.locator('.columns-menu').getByLabel('name', { exact: true }).check();
    await page.locator('.columns-menu summary').click();
    assert.ok(await page.locator('.records-table td[data-field="name"]').count() > 0);
  });

  it('edits a record', async () => {
    await page.locator('.records-table td[data-field="name"]', { hasText: /^item 25$/ }).click();
    await panel(page).getByLabel('name', { exact: true }).fill('item twenty-five');
    await panel(page).getByRole('button', { name: 'Save changes' }).click();
    await panel(page).waitFor({ state: 'detached' });
    await page.locator('.records-table td[data-field="name"]', { hasText: 'item twenty-five' }).waitFor();
    const stored = await pb.collection('items').getFirstListItem('n = 25');
    assert.equal(stored.name, 'item twenty-five');
  });

  it('deletes selected records in bulk', async () => {
    await page.getByRole('checkbox', { name: /^Select record/ }).nth(0).check();
    await page.getByRole('checkbox', { name: /^Select record/ }).nth(1).check();
    await page.getByText('2 selected').waitFor();
    await shot(page, 'records-bulk-1280');
    await page.getByRole('button', { name: 'Delete selected' }).click();
    await page.locator('dialog.confirm').getByRole('button', { name: 'Delete' }).click();
    await page.waitForFunction(() => document.querySelector('.pager .total')?.textContent === 'Total: 23');
    assert.equal((await pb.collection('items').getList(1, 1)).totalItems, 23);
  });

  it('picks a relation and deletes the parent with cascade', async () => {
    await openCollection(page, 'children');
    await createRecord(page, async (editor) => {
      await editor.getByLabel('label', { exact: true }).fill('child of first');
      await editor.getByRole('searchbox', { name: 'Search parent' }).fill('first');
      // The search narrows the target collection's records to the matching one.
      await page.waitForFunction(() => {
        const options = document.querySelectorAll('dialog[open] .picker-option');
        return options.length === 1 && options[0].textContent.includes('first parent');
      });
      await editor.getByRole('option', { name: /first parent/ }).click();
      await editor.locator('.chip').waitFor();
      await shot(page, 'relation-picker-1280');
    });
    await page.locator('td[data-field="label"]', { hasText: 'child of first' }).waitFor();
    // The relation column shows the parent's presentable field, not its id.
    assert.equal(await page.locator('td[data-field="parent"]').textContent(), 'first parent');
    const child = await pb.collection('children').getFirstListItem('label = "child of first"');
    const parent = await pb.collection('parents').getFirstListItem('title = "first parent"');
    assert.equal(child.parent, parent.id);

    await openCollection(page, 'parents');
    await page.locator('td[data-field="title"]', { hasText: 'first parent' }).click();
    await panel(page).getByRole('button', { name: 'Delete' }).click();
    await page.locator('dialog.confirm').getByRole('button', { name: 'Delete' }).click();
    await panel(page).waitFor({ state: 'detached' });
    await page.locator('td[data-field="title"]', { hasText: 'first parent' }).waitFor({ state: 'detached' });
    assert.equal((await pb.collection('children').getList(1, 10)).totalItems, 0, 'the child was cascade-deleted');
    assert.equal((await pb.collection('parents').getList(1, 10)).totalItems, 1);
  });
});
