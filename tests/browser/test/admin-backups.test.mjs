// Settings / Backups in the dashboard: create, download, upload, delete (with confirmation) and the
// auto-backup schedule, checked against the API.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DESKTOP, finish, launch, newPage, shot } from '../admin/browser.mjs';
import { apiAsSuperuser, clearToasts, install, signIn, waitForRoute } from '../admin/dashboard.mjs';
import { startServer } from '../admin/server.mjs';

describe('dashboard: backups', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let page;
  let backupBytes;

  before(async () => {
    server = await startServer();
    browser = await launch();
    page = await newPage(browser, DESKTOP);
    await install(page, server.installUrl);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'Backups' }).click();
  });

  after(async () => {
    await finish(page, 'backups');
    await browser?.close();
    await server?.stop();
  });

  const row = (key) => page.getByRole('table', { name: 'Backups' }).locator('tr', { hasText: key });

  it('creates a named backup and downloads it', async () => {
    await page.getByLabel('Backup name').fill('ui_backup.zip');
    await clearToasts(page);
    await page.getByRole('button', { name: 'Create backup' }).click();
    await row('ui_backup.zip').waitFor();
    await shot(page, 'settings-backups-1280');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download ui_backup.zip' }).click()]);
    assert.equal(download.suggestedFilename(), 'ui_backup.zip');
    const bytes = readFileSync(await download.path());
    backupBytes = bytes;
    assert.deepEqual([...bytes.subarray(0, 2)], [0x50, 0x4b]);

    await page.locator('input[type=file][aria-label="Upload backup"]').setInputFiles({ name: 'ui_copy.zip', mimeType: 'application/zip', buffer: bytes });
    await row('ui_copy.zip').waitFor();
    const keys = (await apiAsSuperuser(page, '/api/backups')).body.map((b) => b.key);
    assert.deepEqual(keys.sort(), ['ui_backup.zip', 'ui_copy.zip']);
  });

  it('deletes a backup only after confirmation', async () => {
    await page.getByRole('button', { name: 'Delete ui_copy.zip' }).click();
    await page.locator('dialog.confirm').getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await row('ui_copy.zip').count(), 1);
    await page.getByRole('button', { name: 'Delete ui_copy.zip' }).click();
    await page.locator('dialog.confirm').getByRole('button', { name: 'Delete' }).click();
    await row('ui_copy.zip').waitFor({ state: 'detached' });
    assert.deepEqual((await apiAsSuperuser(page, '/api/backups')).body.map((b) => b.key), ['ui_backup.zip']);
  });

  it('saves the auto-backup schedule, which adds the cron job', async () => {
    await page.getByLabel('Cron expression').fill('0 2 * * *');
    await page.getByLabel('Max auto backups to keep').fill('5');
    await clearToasts(page);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.toast', { hasText: 'Settings saved.' }).waitFor();
    assert.deepEqual((await apiAsSuperuser(page, '/api/settings')).body.backups.cron, '0 2 * * *');
    const crons = (await apiAsSuperuser(page, '/api/crons')).body;
    assert.ok(crons.some((c) => c.id === '__pbAutoBackup__' && c.expression === '0 2 * * *'));
  });

  it('restores a backup from the installer page of a fresh server', async () => {
    const fresh = await startServer();
    const installer = await newPage(browser, DESKTOP);
    try {
      await installer.goto(fresh.installUrl);
      await installer.locator('input[type=file][aria-label="Backup to restore"]').setInputFiles({ name: 'from_other.zip', mimeType: 'application/zip', buffer: backupBytes });
      await waitForRoute(installer, '^#/login');
      await signIn(installer, fresh.url);
      const keys = (await apiAsSuperuser(installer, '/api/backups')).body.map((b) => b.key);
      assert.ok(keys.includes('from_other.zip'), keys.join(','));
    } finally {
      await installer.close();
      await fresh.stop();
    }
  });
});
