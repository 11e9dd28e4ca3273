// Realtime with the unmodified SDKs 0.19.0 and 0.28.1 against the real server.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import PocketBase019 from 'pb019';
import PocketBase028 from 'pb028';
import { startServer, newUser, Inbox } from './realtime-server.mjs';

const sdks = [['0.19.0', PocketBase019], ['0.28.1', PocketBase028]];
const byId = (id) => (e) => e.record.id === id;

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

for (const [version, PocketBase] of sdks) {
  describe(`SDK ${version} realtime`, { timeout: 30_000 }, () => {
    test('subscribe("*") receives create, update and delete', async () => {
      const pb = await newUser(PocketBase, server);
      const inbox = new Inbox();
      await pb.collection('calls').subscribe('*', inbox.push);

      const call = await pb.collection('calls').create({ offer: { type: 'offer', sdp: 'v=0' } });
      await pb.collection('calls').update(call.id, { answer: { type: 'answer' } });
      await pb.collection('calls').delete(call.id);

      const created = await inbox.next((e) => e.action === 'create' && e.record.id === call.id);
      assert.deepEqual(created.record.offer, { type: 'offer', sdp: 'v=0' });
      assert.equal(created.record.collectionName, 'calls');
      assert.deepEqual((await inbox.next((e) => e.action === 'update' && e.record.id === call.id)).record.answer, { type: 'answer' });
      await inbox.next((e) => e.action === 'delete' && e.record.id === call.id);
      await pb.collection('calls').unsubscribe();
    });

    test('subscribe(id) receives only that record', async () => {
      const pb = await newUser(PocketBase, server);
      const [watched, other] = await Promise.all([pb.collection('calls').create({}), pb.collection('calls').create({})]);
      const inbox = new Inbox();
      await pb.collection('calls').subscribe(watched.id, inbox.push);

      await pb.collection('calls').update(other.id, { offer: { n: 1 } });
      await pb.collection('calls').update(watched.id, { offer: { n: 2 } });

      const event = await inbox.next(() => true);
      assert.equal(event.action, 'update');
      assert.equal(event.record.id, watched.id);
      assert.deepEqual(event.record.offer, { n: 2 });
      await pb.collection('calls').unsubscribe(watched.id);
    });

    test('unsubscribe() of one collection keeps the others', async () => {
      const pb = await newUser(PocketBase, server);
      const calls = new Inbox();
      const ice = new Inbox();
      await pb.collection('calls').subscribe('*', calls.push);
      await pb.collection('ice_servers').subscribe('*', ice.push);

      await pb.collection('calls').unsubscribe();
      const call = await pb.collection('calls').create({});
      const iceServer = await pb.collection('ice_servers').create({ url: 'stun:127.0.0.1' });

      await ice.next(byId(iceServer.id));
      assert.equal(calls.events.filter(byId(call.id)).length, 0, 'no event after unsubscribe');
      await pb.collection('ice_servers').unsubscribe();
      assert.equal(pb.realtime.isConnected, false, 'no topic left: the SDK closed the stream');
    });

    test('guests are excluded by the list rule', async () => {
      const guest = new PocketBase(server.url);
      const user = await newUser(PocketBase, server);
      const guestInbox = new Inbox();
      await guest.collection('ice_servers').subscribe('*', guestInbox.push);
      await guest.collection('calls').subscribe('*', guestInbox.push);

      const iceServer = await user.collection('ice_servers').create({ url: 'turn:127.0.0.1' });
      const call = await user.collection('calls').create({});

      await guestInbox.next(byId(call.id));
      assert.equal(guestInbox.events.filter(byId(iceServer.id)).length, 0);
      await guest.realtime.unsubscribe();
    });

    test('two clients see each other\'s writes', async () => {
      const alice = await newUser(PocketBase, server);
      const bob = await newUser(PocketBase, server);
      const aliceInbox = new Inbox();
      const bobInbox = new Inbox();
      await alice.collection('offer_candidates').subscribe('*', aliceInbox.push);
      await bob.collection('offer_candidates').subscribe('*', bobInbox.push);
      const call = await alice.collection('calls').create({});

      const fromAlice = await alice.collection('offer_candidates').create({ call_id: call.id, data: { from: 'alice' } });
      const fromBob = await bob.collection('offer_candidates').create({ call_id: call.id, data: { from: 'bob' } });

      assert.deepEqual((await bobInbox.next(byId(fromAlice.id))).record.data, { from: 'alice' });
      assert.deepEqual((await aliceInbox.next(byId(fromBob.id))).record.data, { from: 'bob' });
      await alice.realtime.unsubscribe();
      await bob.realtime.unsubscribe();
    });
  });
}
