// How the server serves the dashboard at /_/ (cli-and-layout.md §4): files, headers, redirects,
// the extensions script and no index fallback.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer } from '../admin/server.mjs';

const CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' http://127.0.0.1:* " +
  "https://tile.openstreetmap.org data: blob:; connect-src 'self' http://127.0.0.1:* https://nominatim.openstreetmap.org; " +
  "script-src 'self' http://127.0.0.1:*; frame-ancestors 'none'";

describe('dashboard files at /_/', { timeout: 60_000 }, () => {
  let server;
  const get = (path, init = {}) => fetch(`${server.url}${path}`, { redirect: 'manual', signal: AbortSignal.timeout(10_000), ...init });

  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  it('serves index.html at /_/ with the CSP header', async () => {
    const response = await get('/_/');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^text\/html/);
    assert.equal(response.headers.get('content-security-policy'), CSP);
    assert.match(await response.text(), /<script type="module" src="\.\/js\/main\.js"><\/script>/);
  });

  it('redirects /_ and /_/index.html to /_/', async () => {
    for (const path of ['/_', '/_/index.html']) {
      const response = await get(path);
      assert.equal(response.status, 301, path);
      assert.equal(new URL(response.headers.get('location'), server.url).pathname, '/_/');
    }
  });

  it('serves the scripts and styles with their content types and caching', async () => {
    const script = await get('/_/js/main.js');
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type'), /^text\/javascript/);
    assert.equal(script.headers.get('cache-control'), 'max-age=1209600, stale-while-revalidate=86400');
    const css = await get('/_/css/app.css');
    assert.match(css.headers.get('content-type'), /^text\/css/);
    const head = await get('/_/js/main.js', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });

  it('answers /_/extensions.js with an empty script', async () => {
    const response = await get('/_/extensions.js');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^text\/javascript/);
    assert.equal(await response.text(), '');
  });

  it('has no index fallback: unknown files are a 404 JSON error', async () => {
    const response = await get('/_/no/such/file.js');
    assert.equal(response.status, 404);
    const body = await response.json();
    assert.equal(body.status, 404);
    assert.deepEqual(body.data, {});
  });
});
