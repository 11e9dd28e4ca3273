// The logs API through the unmodified SDKs: 0.28 (pb.logs.getList/getOne/getStats on /api/logs)
// and 0.19 (pb.logs.getRequestsList/getRequest/getRequestsStats on /api/logs/requests).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase019 from 'pb019';
import PocketBase028 from 'pb028';
import { startServer } from './realtime-server.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('logs through the unmodified SDKs', { timeout: 120_000 }, () => {
  let server;

  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  // A failed request with a unique url, and the filter that finds its log entry.
  async function failedRequest() {
    const url = `/api/collections/missing_${Math.random().toString(36).slice(2)}/records`;
    assert.equal((await fetch(server.url + url)).status, 404);
    return `data.url = '${url}'`;
  }

  async function waitForItems(list) {
    for (let i = 0; i < 150; i++) {
      const result = await list();
      if (result.items.length) return result;
      await sleep(100);
    }
    throw new Error('the log entry was not written');
  }

  it('0.28: lists, views and counts the entry of a failed request', async () => {
    const pb = new PocketBase028(server.url);
    pb.autoCancellation(false);
    pb.authStore.save(server.superuser, null);
    const filter = await failedRequest();

    const list = await waitForItems(() => pb.logs.getList(1, 10, { filter, sort: '-created' }));
    const one = await pb.logs.getOne(list.items[0].id);
    const stats = await pb.logs.getStats({ filter });

    assert.equal(list.totalItems, 1);
    assert.equal(one.level, 8);
    assert.equal(one.data.status, 404);
    assert.deepEqual(one, list.items[0]);
    assert.equal(stats.length, 1);
    assert.equal(stats[0].total, 1);
    await assert.rejects(pb.logs.getOne('zzzzzzzzzzzzzzz'), (e) => e.status === 404);
    await assert.rejects(new PocketBase028(server.url).logs.getList(), (e) => e.status === 401);
  });

  it('0.19: the same through the /api/logs/requests routes', async () => {
    const pb = new PocketBase019(server.url);
    pb.autoCancellation(false);
    pb.authStore.save(server.superuser, null);
    const filter = await failedRequest();

    const list = await waitForItems(() => pb.logs.getRequestsList(1, 10, { filter }));
    const one = await pb.logs.getRequest(list.items[0].id);
    const stats = await pb.logs.getRequestsStats({ filter });

    assert.equal(one.id, list.items[0].id);
    assert.equal(one.message.startsWith('GET /api/collections/missing_'), true);
    assert.equal(stats[0].total, 1);
  });
});
