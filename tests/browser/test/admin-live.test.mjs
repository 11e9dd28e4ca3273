// The logs list (GET /api/logs) and the view query preview (POST /api/collections/meta/dry-run-view).
import { after, before, describe, it } from 'node:test';
import { shot } from '../admin/browser.mjs';
import { newCollection, panel } from '../admin/dashboard.mjs';
import { startNotesDashboard } from '../admin/notes-dashboard.mjs';

describe('dashboard: logs and view preview', { timeout: 180_000 }, () => {
  let dashboard;
  let page;

  before(async () => {
    dashboard = await startNotesDashboard();
    ({ page } = dashboard);
  });

  after(async () => { await dashboard?.stop('live'); });

  it('lists the logs, opens one and reports a bad filter inline', async () => {
    await page.getByRole('link', { name: 'Logs' }).click();
    const rows = page.locator('.logs-table tr.record-row');
    await rows.first().waitFor();
    await shot(page, 'logs-1280');
    await rows.first().click();
    await panel(page).locator('pre.code').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('searchbox', { name: 'Filter logs' }).fill('data.status >=');
    await page.getByRole('searchbox', { name: 'Filter logs' }).press('Enter');
    await page.locator('.logs-page .error', { hasText: 'line 1, column 15' }).waitFor();
  });

  it('previews a view query before saving', async () => {
    await newCollection(page, 'notes_view', 'view');
    await panel(page).getByLabel('Select query').fill('SELECT id, title FROM notes');
    await panel(page).getByRole('button', { name: 'Preview' }).click();
    await panel(page).locator('.view-preview .badge', { hasText: 'title' }).waitFor();
    await panel(page).locator('.view-preview td', { hasText: 'first' }).waitFor();
    await shot(page, 'view-preview-1280');
    await panel(page).getByLabel('Select query').fill('SELECT nope FROM nowhere');
    await panel(page).getByRole('button', { name: 'Preview' }).click();
    await panel(page).locator('.view-preview .error').waitFor();
    await panel(page).getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Discard' }).click();
    await panel(page).waitFor({ state: 'detached' });
  });

});
