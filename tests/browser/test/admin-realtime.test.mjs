// Live refresh of the records table through realtime (GET/POST /api/realtime).
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
    await openCollection(page, 'notes');
    await page.locator('td[data-field="title"]', { hasText: 'first' }).waitFor();
    // Give the realtime subscription a moment to be posted before changing data.
    await page.waitForTimeout(1000);
    const created = await pb.collection('notes').create({ title: 'made elsewhere' });
    await page.locator('td[data-field="title"]', { hasText: 'made elsewhere' }).waitFor({ timeout: 10_000 });
    await pb.collection('notes').delete(created.id);
    await page.locator('td[data-field="title"]', { hasText: 'made elsewhere' }).waitFor({ state: 'detached', timeout: 10_000 });
  });

});
