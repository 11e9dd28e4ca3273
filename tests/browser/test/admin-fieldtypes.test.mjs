// Every field type through the dashboard: options in the collection editor, then a record
// written with each type's editor, read back through the API, and edited again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase from 'pb028';
import { DESKTOP, finish, launch, newPage, shot } from '../admin/browser.mjs';
import { addField, apiAsSuperuser, install, newCollection, panel, saveCollection, SUPERUSER } from '../admin/dashboard.mjs';
import { startServer } from '../admin/server.mjs';

describe('dashboard: every field type', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let page;
  let userId;

  before(async () => {
    server = await startServer();
    browser = await launch();
    page = await newPage(browser, DESKTOP);
    await install(page, server.installUrl);
    const pb = new PocketBase(server.url);
    await pb.collection('_superusers').authWithPassword(SUPERUSER.email, SUPERUSER.password);
    userId = (await pb.collection('users').create({ email: 'pick@example.com', password: 'pick-pass-123', passwordConfirm: 'pick-pass-123' })).id;
    await page.reload();
  });

  after(async () => {
    await finish(page, 'fieldtypes');
    await browser?.close();
    await server?.stop();
  });

  it('creates a collection with each field type and its options', async () => {
    await newCollection(page, 'everything');
    const text = await addField(page, 'text', 'title');
    await text.getByLabel('Nonempty').check();
    await text.getByLabel('Unique').check();
    await text.getByLabel('Max length').fill('50');
    await text.getByLabel('Regex pattern').fill('^[a-z ]+$');
    await addField(page, 'editor', 'body');
    const number = await addField(page, 'number', 'count');
    await number.getByLabel('Min', { exact: true }).fill('0');
    await number.getByLabel('Max', { exact: true }).fill('100');
    await number.getByLabel('No decimals').check();
    await addField(page, 'bool', 'done');
    const email = await addField(page, 'email', 'contact');
    await email.getByLabel('Only domains').fill('example.com');
    await addField(page, 'url', 'site');
    const date = await addField(page, 'date', 'due');
    await date.getByLabel('Min date').fill('2020-01-01 00:00:00.000Z');
    const select = await addField(page, 'select', 'tags');
    await select.getByLabel('Choices').fill('red, green, blue');
    await select.getByLabel('Max select').fill('2');
    const relation = await addField(page, 'relation', 'owner');
    await relation.getByLabel('Collection').selectOption({ label: 'users' });
    const json = await addField(page, 'json', 'meta');
    await json.getByLabel('Max size (bytes)').fill('2000');
    await json.getByLabel('Hidden').check();
    await addField(page, 'geoPoint', 'place');
    await addField(page, 'file', 'attachment');
    await shot(page, 'fieldtypes-editor-1280');
    await saveCollection(page, 'everything');

    const { body } = await apiAsSuperuser(page, '/api/collections/everything');
    const field = (name) => body.fields.find((f) => f.name === name);
    assert.equal(field('title').required, true);
    assert.equal(field('title').max, 50);
    assert.equal(field('title').pattern, '^[a-z ]+$');
    assert.ok(body.indexes.some((i) => /UNIQUE/i.test(i) && /title/.test(i)), 'unique index on title');
    assert.deepEqual([field('count').min, field('count').max, field('count').onlyInt], [0, 100, true]);
    assert.deepEqual(field('contact').onlyDomains, ['example.com']);
    assert.equal(field('due').min, '2020-01-01 00:00:00.000Z');
    assert.deepEqual([field('tags').values, field('tags').maxSelect], [['red', 'green', 'blue'], 2]);
    assert.equal(field('owner').collectionId, '_pb_users_auth_');
    assert.deepEqual([field('meta').maxSize, field('meta').hidden], [2000, true]);
    assert.equal(field('place').type, 'geoPoint');
    assert.equal(field('attachment').type, 'file');
    assert.equal(field('body').type, 'editor');
  });

  it('writes a record with every editor and reads it back', async () => {
    await page.getByRole('button', { name: '+ New record' }).click();
    const editor = panel(page);
    await editor.getByLabel('title', { exact: true }).fill('BAD Title!');
    await editor.getByLabel('body', { exact: true }).fill('<p>rich text</p>');
    await editor.getByLabel('count', { exact: true }).fill('42');
    await editor.getByLabel('done', { exact: true }).check();
    await editor.getByLabel('contact', { exact: true }).fill('someone@example.com');
    await editor.getByLabel('site', { exact: true }).fill('https://example.com/x');
    await editor.getByLabel('due', { exact: true }).fill('2024-03-09T17:05:01');
    await editor.getByLabel('tags', { exact: true }).selectOption(['red', 'blue']);
    await editor.getByRole('searchbox', { name: 'Search owner' }).fill('pick');
    await editor.getByRole('option', { name: new RegExp(userId) }).click();
    const meta = editor.getByLabel('meta', { exact: true });
    await meta.fill('{"broken": ');
    await editor.getByText('Invalid JSON').waitFor();
    await meta.fill('{"levels": [1, 2], "ok": true}');
    await editor.getByLabel('place longitude').fill('13.4');
    await editor.getByLabel('place latitude').fill('52.5');
    await editor.getByRole('button', { name: 'Create' }).click();
    // The pattern rejects the title: the server's message appears next to the field.
    await editor.locator('.field-error:visible').first().waitFor();
    await shot(page, 'record-validation-1280');
    await editor.getByLabel('title', { exact: true }).fill('good title');
    await editor.getByRole('button', { name: 'Create' }).click();
    await editor.waitFor({ state: 'detached' });

    const list = await apiAsSuperuser(page, '/api/collections/everything/records');
    const record = list.body.items[0];
    assert.equal(record.title, 'good title');
    assert.equal(record.body, '<p>rich text</p>');
    assert.equal(record.count, 42);
    assert.equal(record.done, true);
    assert.equal(record.contact, 'someone@example.com');
    assert.equal(record.site, 'https://example.com/x');
    assert.equal(record.due, '2024-03-09 17:05:01.000Z');
    assert.deepEqual(record.tags, ['red', 'blue']);
    assert.equal(record.owner, userId);
    assert.deepEqual(record.meta, { levels: [1, 2], ok: true });
    assert.deepEqual(record.place, { lon: 13.4, lat: 52.5 });
  });

  it('shows the stored values in the editor and keeps them on save', async () => {
    await page.locator('td[data-field="title"]', { hasText: 'good title' }).click();
    const editor = panel(page);
    assert.equal(await editor.getByLabel('due', { exact: true }).inputValue(), '2024-03-09T17:05:01');
    assert.deepEqual(JSON.parse(await editor.getByLabel('meta', { exact: true }).inputValue()), { levels: [1, 2], ok: true });
    assert.equal(await editor.locator('.chip').textContent(), `${userId}×`);
    await editor.getByLabel('count', { exact: true }).fill('7');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await editor.waitFor({ state: 'detached' });
    const record = (await apiAsSuperuser(page, '/api/collections/everything/records')).body.items[0];
    assert.equal(record.count, 7);
    assert.deepEqual(record.tags, ['red', 'blue']);
    assert.equal(record.owner, userId);
    assert.equal(record.due, '2024-03-09 17:05:01.000Z');
  });

  it('creates an auth collection with its options', async () => {
    await newCollection(page, 'members', 'auth');
    await panel(page).locator('.field-card[data-field="email"]').waitFor();
    await panel(page).getByRole('tab', { name: 'Options' }).click();
    await panel(page).getByLabel('Auth token duration (seconds)').fill('3600');
    await panel(page).getByLabel('Enable OTP').check();
    await shot(page, 'auth-options-1280');
    await saveCollection(page, 'members');
    const { body } = await apiAsSuperuser(page, '/api/collections/members');
    assert.equal(body.type, 'auth');
    assert.equal(body.authToken.duration, 3600);
    assert.equal(body.otp.enabled, true);
    assert.ok(body.fields.some((f) => f.name === 'email'));
  });
});
