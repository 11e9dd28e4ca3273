// The WebRTC demo's whole signaling exchange (README "demo's HTTP sequence") between a caller and
// an answerer, each on its own SDK client, for both SDK generations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import PocketBase019 from 'pb019';
import PocketBase028 from 'pb028';
import { startServer, newUser, Inbox } from './realtime-server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

for (const [version, PocketBase] of [['0.19.0', PocketBase019], ['0.28.1', PocketBase028]]) {
  test(`SDK ${version}: offer, answer, both candidate streams, hangup with cascade delete`, { timeout: 30_000 }, async () => {
    const caller = await newUser(PocketBase, server);
    const answerer = await newUser(PocketBase, server);
    await caller.collection('ice_servers').getFullList();

    // Caller: the call, its offer candidates fired without awaiting, then the offer.
    const call = await caller.collection('calls').create({ user_id: caller.authStore.model.id });
    const offerCandidates = await Promise.all([0, 1, 2].map((i) =>
      caller.collection('offer_candidates').create({ call_id: call.id, data: { candidate: `candidate:${i} 1 udp`, sdpMid: '0', sdpMLineIndex: 0 } })));
    await caller.collection('calls').update(call.id, { offer: { sdp: 'v=0 offer', type: 'offer' } });
    const callerCall = new Inbox();
    const callerAnswers = new Inbox();
    await caller.collection('calls').subscribe(call.id, callerCall.push);
    await caller.collection('answer_candidates').subscribe('*', callerAnswers.push);

    // Answerer: reads the offer, subscribes to offer candidates, answers.
    const seen = await answerer.collection('calls').getOne(call.id);
    assert.deepEqual(seen.offer, { sdp: 'v=0 offer', type: 'offer' });
    const answererOffers = new Inbox();
    await answerer.collection('offer_candidates').subscribe('*', answererOffers.push);
    const answerCandidates = await Promise.all([0, 1].map((i) =>
      answerer.collection('answer_candidates').create({ call_id: call.id, data: { candidate: `candidate:${i} 1 udp` } })));
    await answerer.collection('calls').update(call.id, { answer: { sdp: 'v=0 answer', type: 'answer' } });
    const lateOffer = await caller.collection('offer_candidates').create({ call_id: call.id, data: { candidate: 'candidate:9 1 udp' } });

    const answered = await callerCall.next((e) => e.action === 'update' && e.record.answer);
    assert.deepEqual(answered.record.answer, { sdp: 'v=0 answer', type: 'answer' });
    for (const candidate of answerCandidates) {
      const event = await callerAnswers.next((e) => e.action === 'create' && e.record.id === candidate.id);
      assert.equal(event.record.call_id, call.id);
    }
    assert.equal((await answererOffers.next((e) => e.action === 'create' && e.record.id === lateOffer.id)).record.call_id, call.id);

    // Caller hangs up: stops listening to the call, deletes it; the cascade reaches the answerer.
    await caller.collection('calls').unsubscribe(call.id);
    await caller.collection('calls').delete(call.id);
    for (const candidate of [...offerCandidates, lateOffer]) {
      const event = await answererOffers.next((e) => e.action === 'delete' && e.record.id === candidate.id);
      assert.equal(event.record.call_id, call.id);
    }
    for (const candidate of answerCandidates) {
      await callerAnswers.next((e) => e.action === 'delete' && e.record.id === candidate.id);
    }
    assert.equal(callerCall.events.filter((e) => e.action === 'delete').length, 0, 'unsubscribed from the call before deleting it');

    await caller.realtime.unsubscribe();
    await answerer.realtime.unsubscribe();
    assert.equal(caller.realtime.isConnected, false);
  });
}
