// Acceptance: from an empty data dir, set up the WebRTC demo's schema in the dashboard only
// (installer, four collections with relations, cascade and rules, records, a user), then the
// unmodified SDK signs in as that user and reads ice_servers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase028 from 'pb028';
import PocketBase019 from 'pb019';
import { DESKTOP, finish, launch, newPage, PHONE, shot } from '../admin/browser.mjs';
import { addField, apiAsSuperuser, createRecord, install, newCollection, openCollection, saveCollection, setRule } from '../admin/dashboard.mjs';
import { startServer } from '../admin/server.mjs';

const AUTH = "@request.auth.id != ''";
const RULES = ['listRule', 'viewRule', 'createRule', 'updateRule', 'deleteRule'];
const USER = { email: 'caller@example.com', password: 'caller-pass-123' };
const ICE = ['stun:stun1.l.google.com:19302', 'stun:stun2.l.google.com:19302'];

describe('dashboard: the WebRTC demo schema, by clicking only', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startServer();
    browser = await launch();
    page = await newPage(browser, DESKTOP);
  });

  after(async () => {
    await finish(page, 'demo');
    await browser?.close();
    await server?.stop();
  });

  it('installs the first superuser through the installer link', async () => {
    const phone = await newPage(browser, PHONE);
    await phone.goto(server.installUrl);
    await phone.getByLabel('Password confirm').waitFor();
    await shot(phone, 'installer-390');
    await phone.context().close();
    await page.goto(server.installUrl);
    await page.getByLabel('Password confirm').waitFor();
    await shot(page, 'installer-1280');
    await install(page, server.installUrl);
    await page.getByRole('link', { name: 'users', exact: true }).waitFor();
    await page.locator('.records-table').waitFor();
    await shot(page, 'collections-1280');
  });

  it('creates ice_servers with a url field and auth-only rules', async () => {
    await newCollection(page, 'ice_servers');
    await addField(page, 'text', 'url');
    for (const rule of RULES) await setRule(page, rule, AUTH);
    await shot(page, 'collection-rules-1280');
    await saveCollection(page, 'ice_servers');
  });

  it('creates calls, offer_candidates and answer_candidates with cascading relations', async () => {
    await newCollection(page, 'calls');
    const user = await addField(page, 'relation', 'user_id');
    await user.getByLabel('Collection').selectOption({ label: 'users' });
    await user.getByLabel('Cascade delete').check();
    await addField(page, 'json', 'offer');
    await addField(page, 'json', 'answer');
    await setRule(page, 'listRule', '');
    await setRule(page, 'viewRule', '');
    for (const rule of RULES.slice(2)) await setRule(page, rule, AUTH);
    await saveCollection(page, 'calls');

    for (const name of ['offer_candidates', 'answer_candidates']) {
      await newCollection(page, name);
      const call = await addField(page, 'relation', 'call_id');
      await call.getByLabel('Collection').selectOption({ label: 'calls' });
      await call.getByLabel('Nonempty').check();
      await call.getByLabel('Cascade delete').check();
      await addField(page, 'json', 'data');
      if (name === 'offer_candidates') await shot(page, 'collection-fields-1280');
      for (const rule of RULES) await setRule(page, rule, AUTH);
      await saveCollection(page, name);
    }

    const list = await apiAsSuperuser(page, '/api/collections/offer_candidates');
    assert.equal(list.status, 200);
    const callId = list.body.fields.find((f) => f.name === 'call_id');
    const calls = await apiAsSuperuser(page, '/api/collections/calls');
    assert.equal(callId.type, 'relation');
    assert.equal(callId.collectionId, calls.body.id);
    assert.equal(callId.cascadeDelete, true);
    assert.equal(callId.required, true);
    assert.ok(callId.maxSelect <= 1, 'single relation');
    assert.equal(list.body.listRule, AUTH);
    assert.equal(calls.body.listRule, '');
    assert.equal(calls.body.createRule, AUTH);
    assert.deepEqual(calls.body.fields.filter((f) => !f.system).map((f) => [f.name, f.type]),
      [['user_id', 'relation'], ['offer', 'json'], ['answer', 'json'], ['created', 'autodate'], ['updated', 'autodate']]);
  });

  it('adds the two ice_servers records', async () => {
    await openCollection(page, 'ice_servers');
    for (const url of ICE) {
      await createRecord(page, (editor) => editor.getByLabel('url', { exact: true }).fill(url));
    }
    await page.locator('.records-table tbody tr.record-row').nth(1).waitFor();
    assert.deepEqual((await page.locator('td[data-field="url"]').allTextContents()).sort(), ICE);
    await shot(page, 'records-1280');
  });

  it('creates a user', async () => {
    await openCollection(page, 'users');
    await createRecord(page, async (editor) => {
      await editor.getByLabel('email', { exact: true }).fill(USER.email);
      await editor.getByLabel('New password', { exact: false }).or(editor.getByLabel('password', { exact: true })).fill(USER.password);
      await editor.getByLabel('Password confirm').fill(USER.password);
      await editor.getByLabel('verified').check();
      await shot(page, 'record-editor-1280');
    });
    await page.locator('td[data-field="email"]', { hasText: USER.email }).waitFor();
  });

  it('lets the unmodified SDKs sign in as that user and read ice_servers', async () => {
    for (const PocketBase of [PocketBase028, PocketBase019]) {
      const pb = new PocketBase(server.url);
      await pb.collection('users').authWithPassword(USER.email, USER.password);
      const servers = await pb.collection('ice_servers').getFullList();
      assert.deepEqual(servers.map((s) => s.url).sort(), ICE);
      const guest = new PocketBase(server.url);
      const hidden = await guest.collection('ice_servers').getList(1, 10).then((r) => r.items.length, (e) => e.status);
      assert.ok(hidden === 0 || hidden === 403, 'guests see no ice servers');
    }
  });

  it('shows the main screens at phone width', async () => {
    const phone = await newPage(browser, PHONE);
    const session = await page.evaluate(() => localStorage.getItem('pbs_superuser_auth'));
    await phone.addInitScript((value) => localStorage.setItem('pbs_superuser_auth', value), session);
    await phone.goto(`${server.url}/_/#/collections?collection=offer_candidates`);
    await phone.locator('.page-header h1', { hasText: 'offer_candidates' }).waitFor();
    await shot(phone, 'records-390');
    await phone.getByRole('button', { name: 'Edit collection' }).click();
    await phone.locator('dialog.panel[open] .field-card[data-field="call_id"]').waitFor();
    await shot(phone, 'collection-fields-390');
    await phone.getByRole('tab', { name: 'API Rules' }).click();
    await shot(phone, 'collection-rules-390');
    await phone.keyboard.press('Escape');
    await phone.locator('dialog.panel[open]').waitFor({ state: 'detached' });
    await phone.getByRole('link', { name: 'ice_servers' }).click();
    await phone.locator('td[data-field="url"]').first().click();
    await phone.locator('dialog.panel[open]').getByLabel('url', { exact: true }).waitFor();
    await shot(phone, 'record-editor-390');
    await phone.keyboard.press('Escape');
    await phone.goto(`${server.url}/_/#/settings`);
    await phone.getByLabel('Application name').waitFor();
    await shot(phone, 'settings-390');
    assert.deepEqual(phone.problems.filter((p) => p.startsWith('pageerror')), []);
    // Shipped inside the server: nothing is fetched from another origin (no CDN, works offline).
    const foreign = [...page.requests, ...phone.requests].filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'));
    assert.deepEqual(foreign, []);
    await phone.context().close();
  });
});
