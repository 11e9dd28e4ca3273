// A tiny OAuth2/OpenID Connect provider on a free 127.0.0.1 port for the OAuth2 tests (no outside
// provider is reachable): /authorize signs in `nextUser` at once and redirects back with a code,
// /token checks the client, redirect URI and PKCE, /userinfo answers with OIDC claims.
import http from 'node:http';
import crypto from 'node:crypto';

export const clientId = 'node-client';
export const clientSecret = 'node-secret-123';

export async function startOidcProvider() {
  const codes = new Map();
  const accessTokens = new Map();
  const state = { nextUser: { sub: 'sub-1', email: 'oidc@example.com', email_verified: true, name: 'Oidc User' } };

  const issueCode = (redirectUri, challenge) => {
    const code = crypto.randomBytes(16).toString('hex');
    codes.set(code, { user: state.nextUser, redirectUri, challenge });
    return code;
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const json = (status, body) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== clientId || q.get('response_type') !== 'code') return json(400, { error: 'invalid_request' });
      const redirect = q.get('redirect_uri');
      const code = issueCode(redirect, q.get('code_challenge') || null);
      res.writeHead(302, { location: `${redirect}${redirect.includes('?') ? '&' : '?'}code=${code}&state=${encodeURIComponent(q.get('state') ?? '')}` });
      return res.end();
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) return json(401, { error: 'invalid_client' });
      const grant = codes.get(form.get('code'));
      codes.delete(form.get('code'));
      if (!grant || grant.redirectUri !== form.get('redirect_uri')) return json(400, { error: 'invalid_grant' });
      if (grant.challenge) {
        const hashed = crypto.createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
        if (hashed !== grant.challenge) return json(400, { error: 'invalid_grant' });
      }
      const token = 'at-' + crypto.randomBytes(16).toString('hex');
      accessTokens.set(token, grant.user);
      return json(200, { access_token: token, token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt-' + token.slice(3) });
    }
    if (req.method === 'GET' && url.pathname === '/userinfo') {
      const user = accessTokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      return user ? json(200, user) : json(401, { error: 'invalid_token' });
    }
    json(404, { error: 'not_found' });
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    authURL: base + '/authorize',
    tokenURL: base + '/token',
    userInfoURL: base + '/userinfo',
    state,
    issueCode,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
