// Live refresh of the records table through realtime (GET/POST /api/realtime).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openCollection } from '../admin/dashboard.mjs';
import { startNotesDashboard } from '../admin/notes-dashboard.mjs';

describe('dashboard: live refresh', { timeout: 180_000 }, () => {
  let dashboard;
  let page;
  let pb;

  before(async () => {
    dashboard = await startNotesDashboard();
    ({ page, pb } = dashboard);
  });

  after(async () => { await dashboard?.stop('realtime'); });

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
