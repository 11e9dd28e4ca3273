// The dashboard's only way to the server: the public REST API, exactly as the SDK would call it.

const AUTH_KEY = 'pbs_superuser_auth';

/** The signed-in superuser (token + record), kept in localStorage like the SDK's auth store. */
export const auth = {
  token: '',
  record: null,
  load() {
    try {
      const saved = JSON.parse(localStorage.getItem(AUTH_KEY) || '{}');
      this.token = saved.token || '';
      this.record = saved.record || null;
    } catch {
      this.clear();
    }
  },
  save(token, record) {
    this.token = token;
    this.record = record;
    localStorage.setItem(AUTH_KEY, JSON.stringify({ token, record }));
  },
  clear() {
    this.token = '';
    this.record = null;
    localStorage.removeItem(AUTH_KEY);
  },
};

/** A failed request: status 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(status, message, data) {
    super(message);
    this.status = status;
    this.data = data || {};
  }
}

/** Flattens `{data:{fields:{1:{name:{code,message}}}}}` into ["fields.1.name: Cannot be blank."]. */
export function errorDetails(data, prefix = '') {
  const out = [];
  for (const [key, value] of Object.entries(data || {})) {
    if (value && typeof value === 'object' && typeof value.message === 'string' && 'code' in value) {
      out.push(`${prefix}${key}: ${value.message}`);
    } else if (value && typeof value === 'object') {
      out.push(...errorDetails(value, `${prefix}${key}.`));
    }
  }
  return out;
}

/** The whole error as one readable text, for toasts and inline messages. */
export function errorText(err) {
  if (!(err instanceof ApiError)) return String(err?.message || err);
  const details = errorDetails(err.data);
  return details.length ? `${err.message} ${details.join(' ')}` : err.message;
}

/**
 * Calls the API. `query` values that are undefined/'' are skipped; a FormData body is sent as
 * multipart, anything else as JSON. Resolves with the parsed JSON (or null for 204).
 */
export async function api(method, path, { body, query, token, signal } = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }
  const headers = { 'x-request-source': 'pbui' };
  const bearer = token ?? auth.token;
  if (bearer) headers.Authorization = bearer;
  let payload;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body: payload, signal });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, `Cannot reach the server (${err.message}).`);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    // A superuser token the server no longer accepts (expired, rotated): back to sign-in.
    if (response.status === 401 && bearer && bearer === auth.token && !path.includes('/auth-')) {
      auth.clear();
      location.hash = '#/login';
    }
    const message = json?.message || `Request failed with status ${response.status}.`;
    throw new ApiError(response.status, message, json?.data);
  }
  return json;
}

/** Reads every page of a list endpoint, like the SDK's getFullList. */
export async function fullList(path, query = {}) {
  const perPage = 500;
  const items = [];
  for (let page = 1; ; page++) {
    const result = await api('GET', path, { query: { ...query, page, perPage, skipTotal: 1 } });
    items.push(...result.items);
    if (result.items.length < perPage) return items;
  }
}

/** Seconds until the JWT expires (negative when expired, -Infinity when unreadable). */
export function tokenSecondsLeft(token) {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return payload.exp - Date.now() / 1000;
  } catch {
    return -Infinity;
  }
}
