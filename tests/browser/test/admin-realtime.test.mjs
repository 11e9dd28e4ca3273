// Live refresh of the records table through realtime (GET/POST /api/realtime).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase from 'pb028';
import { DESKTOP, finish, launch, newPage } from '../admin/browser.mjs';
import { install, openCollection, SUPERUSER } from '../admin/dashboard.mjs';
import { startServer } from '../admin/server.mjs';

describe('dashboard: live refresh', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let page;
  let pb;

  before(async () => {
    server = await startServer();
    browser = await launch();
    page = await newPage(browser, DESKTOP);
    await install(page, server.installUrl);
    pb = new PocketBase(server.url);
    await pb.collection('_superusers').authWithPassword(SUPERUSER.email, SUPERUSER.password);
    await pb.collections.create({ name: 'notes', type: 'base', listRule: '', fields: [{ name: 'title', type: 'text' }] });
    await pb.collection('notes').create({ title: 'first' });
    await page.reload();
  });

  after(async () => {
    await finish(page, 'realtime');
    await browser?.close();
    await server?.stop();
  });

  it('refreshes the records table when records change elsewhere', async () => {
    const subscribed = page.waitForResponse((r) => r.url().endsWith('/api/realtime')
      && r.request().method() === 'POST' && r.request().postData()?.includes('"notes/*"'));
    await openCollection(page, 'notes');
    await page.locator('td[data-field="title"]', { hasText: 'first' }).waitFor();
    assert.equal((await subscribed).status(), 204);
    const created = await pb.collection('notes').create({ title: 'made elsewhere' });
    await page.locator('td[data-field="title"]', { hasText: 'made elsewhere' }).waitFor({ timeout: 10_000 });
    await pb.collection('notes').delete(created.id);
    await page.locator('td[data-field="title"]', { hasText: 'made elsewhere' }).waitFor({ state: 'detached', timeout: 10_000 });
  });

});
