// The legacy routes of http-api.md §14 through the unmodified SDKs: 0.19's pb.admins and record
// external-auth helpers, and 0.28's pb.logs.truncate().
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase019 from 'pb019';
import PocketBase028 from 'pb028';
import { startServer } from './realtime-server.mjs';

describe('legacy aliases through the unmodified SDKs', { timeout: 120_000 }, () => {
  let server;

  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  it('0.19: pb.admins signs in, refreshes and manages superusers', async () => {
    const pb = new PocketBase019(server.url);
    pb.autoCancellation(false);

    const auth = await pb.admins.authWithPassword('root@example.com', 'root-password-1');
    assert.ok(auth.token);
    assert.equal(auth.admin.email, 'root@example.com');
    assert.equal(pb.authStore.model.email, 'root@example.com');

    const refreshed = await pb.admins.authRefresh();
    assert.equal(refreshed.admin.id, auth.admin.id);

    const created = await pb.admins.create({ email: 'second@example.com', password: 'second-password-1', passwordConfirm: 'second-password-1' });
    const list = await pb.admins.getFullList();
    assert.deepEqual(list.map((a) => a.email).sort(), ['root@example.com', 'second@example.com']);
    assert.equal((await pb.admins.getOne(created.id)).email, 'second@example.com');
    await pb.admins.delete(created.id);
    await assert.rejects(pb.admins.getOne(created.id), (e) => e.status === 404);

    await assert.rejects(new PocketBase019(server.url).admins.authWithPassword('root@example.com', 'wrong-password'), (e) => e.status === 400);
    await assert.rejects(new PocketBase019(server.url).admins.getList(), (e) => e.status === 403 || e.status === 401);
  });

  it('0.19: lists and unlinks a user\'s external auths', async () => {
    const user = await server.api('POST', '/api/collections/users/records',
      { email: 'linked@example.com', password: 'linked-password-1', passwordConfirm: 'linked-password-1' }, server.superuser);
    await server.api('POST', '/api/collections/_externalAuths/records',
      { collectionRef: user.collectionId, recordRef: user.id, provider: 'github', providerId: 'gh-1' }, server.superuser);

    const pb = new PocketBase019(server.url);
    pb.autoCancellation(false);
    await pb.collection('users').authWithPassword('linked@example.com', 'linked-password-1');
    const auths = await pb.collection('users').listExternalAuths(user.id);
    assert.equal(auths.length, 1);
    assert.equal(auths[0].provider, 'github');
    assert.equal(auths[0].providerId, 'gh-1');

    assert.equal(await pb.collection('users').unlinkExternalAuth(user.id, 'github'), true);
    assert.deepEqual(await pb.collection('users').listExternalAuths(user.id), []);
    await assert.rejects(pb.collection('users').unlinkExternalAuth(user.id, 'github'), (e) => e.status === 404);
    await assert.rejects(new PocketBase019(server.url).collection('users').listExternalAuths(user.id), (e) => e.status === 401);
  });

  it('0.28: pb.logs.truncate() empties the request log', async () => {
    const pb = new PocketBase028(server.url);
    pb.autoCancellation(false);
    pb.authStore.save(server.superuser, null);
    await fetch(server.url + '/api/collections/nothing_here/records');
    let before;
    for (let i = 0; i < 100; i++) {
      before = await pb.logs.getList(1, 1, { filter: "data.url ~ 'nothing_here'" });
      if (before.totalItems > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(before.totalItems > 0, 'the failed request was logged');

    assert.equal(await pb.logs.truncate(), true);
    const afterwards = await pb.logs.getList(1, 1, { filter: "data.url ~ 'nothing_here'" });
    assert.equal(afterwards.totalItems, 0);
    await assert.rejects(new PocketBase028(server.url).logs.truncate(), (e) => e.status === 401);
  });
});
