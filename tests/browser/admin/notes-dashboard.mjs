// A server with an installed dashboard and a public `notes` collection holding one record: the
// starting point of the logs and live-refresh suites.
import PocketBase from 'pb028';
import { DESKTOP, finish, launch, newPage } from './browser.mjs';
import { install, SUPERUSER } from './dashboard.mjs';
import { startServer } from './server.mjs';

export async function startNotesDashboard() {
  const server = await startServer();
  const browser = await launch();
  const page = await newPage(browser, DESKTOP);
  await install(page, server.installUrl);
  const pb = new PocketBase(server.url);
  await pb.collection('_superusers').authWithPassword(SUPERUSER.email, SUPERUSER.password);
  await pb.collections.create({ name: 'notes', type: 'base', listRule: '', fields: [{ name: 'title', type: 'text' }] });
  await pb.collection('notes').create({ title: 'first' });
  await page.reload();
  return {
    server, browser, page, pb,
    async stop(shotName) {
      await finish(page, shotName);
      await browser?.close();
      await server?.stop();
    },
  };
}
