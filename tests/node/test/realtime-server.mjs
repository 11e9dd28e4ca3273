// Support for the realtime node suites: starts the real server (Release build, else Debug) on a
// free 127.0.0.1 port with a temporary data dir and the WebRTC demo's collections.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { EventSource } from 'eventsource';

// Node 20 has no EventSource; the SDKs use the global one.
globalThis.EventSource ??= EventSource;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SUPERUSER = ['root@example.com', 'root-password-1'];
export const AUTH_ONLY = "@request.auth.id != ''";

function serverDll() {
  for (const config of ['Release', 'Debug']) {
    const dll = join(root, 'src', 'Server', 'bin', config, 'net10.0', 'PocketBaseSharp.Server.dll');
    if (existsSync(dll)) return dll;
  }
  throw new Error('build the server first: dotnet build src/Server -c Release');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a server; `env` adds environment variables (e.g. `Realtime__IdleTimeout`). */
export async function startServer(env = {}) {
  const dll = serverDll();
  const dir = mkdtempSync(join(tmpdir(), 'pbs-node-realtime-'));
  execFileSync('dotnet', [dll, 'superuser', 'upsert', ...SUPERUSER, '--dir', dir], { stdio: 'ignore' });
  const port = await freePort();
  const child = spawn('dotnet', [dll, 'serve', '--http', `127.0.0.1:${port}`, '--dir', dir], { stdio: 'ignore', env: { ...process.env, ...env } });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url + '/api/health')).ok) break;
    } catch { /* not listening yet */ }
    if (i > 300) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }

  const server = {
    url,
    async api(method, path, body, token) {
      const response = await fetch(url + path, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    async stop() {
      child.kill();
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  server.superuser = (await server.api('POST', '/api/collections/_superusers/auth-with-password',
    { identity: SUPERUSER[0], password: SUPERUSER[1] })).token;
  await createDemoCollections(server);
  return server;
}

// The demo's README setup: ice_servers, calls (public list/view), offer/answer candidates
// cascade-deleted with their call; everything else requires an authenticated user.
async function createDemoCollections(server) {
  const create = (name, fields, listRule = AUTH_ONLY, viewRule = AUTH_ONLY) =>
    server.api('POST', '/api/collections', {
      name, type: 'base', fields, listRule, viewRule,
      createRule: AUTH_ONLY, updateRule: AUTH_ONLY, deleteRule: AUTH_ONLY,
    }, server.superuser);
  await create('ice_servers', [{ name: 'url', type: 'text' }]);
  const calls = await create('calls', [{ name: 'offer', type: 'json' }, { name: 'answer', type: 'json' }], '', '');
  for (const name of ['offer_candidates', 'answer_candidates']) {
    await create(name, [
      { name: 'data', type: 'json' },
      { name: 'call_id', type: 'relation', collectionId: calls.id, maxSelect: 1, cascadeDelete: true },
    ]);
  }
}

let counter = 0;

/** A new logged-in SDK client of the given SDK module. */
export async function newUser(PocketBase, server) {
  const email = `user${Date.now()}${counter++}@example.com`;
  const password = 'user-password-1';
  await server.api('POST', '/api/collections/users/records', { email, password, passwordConfirm: password });
  const pb = new PocketBase(server.url);
  pb.autoCancellation(false);
  await pb.collection('users').authWithPassword(email, password);
  return pb;
}

/** Collects realtime events and lets a test wait for one that matches. */
export class Inbox {
  events = [];
  #waiters = [];

  push = (event) => {
    this.events.push(event);
    this.#waiters = this.#waiters.filter((w) => !w.test(event) || (w.resolve(event), false));
  };

  next(test, timeoutMs = 5000) {
    const found = this.events.find(test);
    if (found) {
      this.events.splice(this.events.indexOf(found), 1);
      return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching realtime event within ' + timeoutMs + ' ms')), timeoutMs);
      this.#waiters.push({
        test,
        resolve: (event) => {
          clearTimeout(timer);
          this.events.splice(this.events.indexOf(event), 1);
          resolve(event);
        },
      });
    });
  }
}
