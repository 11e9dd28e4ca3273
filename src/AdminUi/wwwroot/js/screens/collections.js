// Collections page: the searchable collections sidebar and the records of the chosen collection.
import { h, mount } from '../dom.js';
import { openCollectionPanel } from '../panels/collection.js';
import { currentRoute, go } from '../router.js';
import { store } from '../store.js';
import { renderRecords } from './records.js';

let search = '';

function sidebar(active) {
  const list = h('ul', { class: 'collection-list' });
  const systemList = h('ul', { class: 'collection-list' });
  const item = (c) => h('li', {}, h('a', {
    href: `#/collections?collection=${encodeURIComponent(c.name)}`,
    class: 'collection-link', 'aria-current': c.id === active?.id ? 'page' : null,
  }, h('span', { class: `type-dot type-${c.type}`, 'aria-hidden': 'true', title: `${c.type} collection` }), c.name));
  const fill = () => {
    const term = search.toLowerCase();
    const matches = store.collections.filter((c) => c.name.toLowerCase().includes(term));
    mount(list, matches.filter((c) => !c.system).map(item));
    mount(systemList, matches.filter((c) => c.system).map(item));
    if (!list.children.length && term) list.append(h('li', { class: 'muted' }, 'No collections found.'));
  };
  fill();
  const input = h('input', {
    type: 'search', placeholder: 'Search collections…', 'aria-label': 'Search collections', value: search,
    oninput: (e) => { search = e.target.value; fill(); },
  });
  return h('aside', { class: 'collections-sidebar', 'aria-label': 'Collections' },
    input, list,
    h('details', { class: 'system-collections', open: active?.system || (search && systemList.children.length) ? true : null },
      h('summary', {}, 'System'), systemList),
    h('button', { class: 'btn btn-block schema-control', type: 'button', onclick: () => openCollectionPanel(null) }, '+ New collection'));
}

export function renderCollections(main) {
  const { params } = currentRoute();
  let active = store.byName(params.collection);
  if (!active) {
    active = store.collections.find((c) => !c.system) || store.collections[0];
    if (active && params.collection === undefined) return go('/collections', { collection: active.name });
  }
  const content = h('section', { class: 'collection-content' });
  mount(main, h('div', { class: 'collections-page' }, sidebar(active), content));
  if (active) renderRecords(content, active, params);
  else {
    mount(content, h('div', { class: 'empty-state' },
      h('h1', {}, params.collection ? `Collection "${params.collection}" was not found.` : 'No collections yet'),
      h('button', { class: 'btn btn-primary', type: 'button', onclick: () => openCollectionPanel(null) }, '+ New collection')));
  }
}
