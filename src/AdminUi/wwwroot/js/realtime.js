// One shared realtime connection (realtime.md): PB_CONNECT gives the client id, then the
// current topics are posted with the superuser token. Reconnects re-post the topics.
import { api } from './api.js';

const handlers = new Map(); // topic → Set of callbacks
let source = null;
let clientId = '';

let queue = Promise.resolve();

/**
 * Posts the current topics. Posts run one after another and each sends the topics as they are
 * when it starts, so an unsubscribe followed by a subscribe can never arrive in reverse order.
 */
function postSubscriptions() {
  queue = queue.then(async () => {
    if (!clientId) return;
    try {
      await api('POST', '/api/realtime', { body: { clientId, subscriptions: [...handlers.keys()] } });
    } catch {
      // Live refresh is a convenience: the page still works (and reloads on demand) without it.
    }
  });
}

function connect() {
  source = new EventSource('/api/realtime');
  // EventSource gives up on HTTP errors; retry while anything is subscribed.
  source.addEventListener('error', () => {
    if (source?.readyState !== EventSource.CLOSED) return;
    source = null;
    clientId = '';
    setTimeout(() => { if (!source && handlers.size) reconnect(); }, 5000);
  });
  source.addEventListener('PB_CONNECT', (e) => {
    clientId = e.lastEventId || JSON.parse(e.data).clientId;
    postSubscriptions();
  });
}

function reconnect() {
  connect();
  for (const topic of handlers.keys()) source.addEventListener(topic, dispatch);
}

/** Subscribes to a topic such as "posts/*"; returns the unsubscribe function. */
export function subscribe(topic, callback) {
  if (!handlers.has(topic)) {
    handlers.set(topic, new Set());
    if (!source) connect();
    source.addEventListener(topic, dispatch);
    postSubscriptions();
  }
  handlers.get(topic).add(callback);
  return () => {
    const set = handlers.get(topic);
    set?.delete(callback);
    if (set && set.size === 0) {
      handlers.delete(topic);
      source?.removeEventListener(topic, dispatch);
      postSubscriptions();
    }
  };
}

function dispatch(e) {
  let data = null;
  try { data = JSON.parse(e.data); } catch { return; }
  handlers.get(e.type)?.forEach((fn) => fn(data));
}

/** Closes the connection (sign-out). */
export function disconnect() {
  source?.close();
  source = null;
  clientId = '';
  handlers.clear();
}
