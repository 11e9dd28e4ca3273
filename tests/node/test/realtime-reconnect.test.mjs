// The server ends idle streams; both SDK generations reconnect, get a new client id from
// PB_CONNECT, re-post their topics and keep receiving events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import PocketBase019 from 'pb019';
import PocketBase028 from 'pb028';
import { startServer, newUser, Inbox } from './realtime-server.mjs';

let server;
before(async () => { server = await startServer({ Realtime__IdleTimeout: '00:00:01' }); });
after(async () => { await server?.stop(); });

for (const [version, PocketBase] of [['0.19.0', PocketBase019], ['0.28.1', PocketBase028]]) {
  test(`SDK ${version} reconnects after the idle timeout and re-subscribes`, { timeout: 30_000 }, async () => {
    const pb = await newUser(PocketBase, server);
    const inbox = new Inbox();
    await pb.collection('calls').subscribe('*', inbox.push);
    const firstClientId = pb.realtime.clientId;

    // Idle for longer than the timeout: the server closes the stream and the SDK reconnects.
    await new Promise((r) => setTimeout(r, 2500));
    const reconnected = await waitFor(() => pb.realtime.clientId && pb.realtime.clientId !== firstClientId, 10_000);
    assert.ok(reconnected, 'a new client id after reconnecting');

    // The topics are re-posted shortly after PB_CONNECT; write until one event arrives.
    const received = inbox.next((e) => e.action === 'create', 10_000);
    const writer = setInterval(() => { pb.collection('calls').create({}).catch(() => {}); }, 200);
    try {
      await received;
    } finally {
      clearInterval(writer);
    }
    await pb.realtime.unsubscribe();
  });
}

async function waitFor(condition, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
