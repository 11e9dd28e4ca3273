// Hash routing: "#/collections?collection=posts" → {path:'/collections', params:{collection:'posts'}}.

export function currentRoute() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?');
  return { path, params: Object.fromEntries(new URLSearchParams(search)) };
}

/** Navigates to a path with optional params (empty ones dropped). */
export function go(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v !== undefined && v !== null));
  const target = `#${path}${query.size ? `?${query}` : ''}`;
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = target;
}

/** Updates the params of the current route without a new history entry or re-render. */
export function replaceParams(params) {
  const { path } = currentRoute();
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v !== undefined && v !== null));
  history.replaceState(null, '', `#${path}${query.size ? `?${query}` : ''}`);
}
