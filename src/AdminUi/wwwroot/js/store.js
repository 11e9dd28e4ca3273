// The collections list, loaded once after sign-in and reloaded after every schema change.
import { api } from './api.js';

export const store = {
  collections: [],
  settings: null,
  listeners: new Set(),

  async loadCollections() {
    const result = await api('GET', '/api/collections', { query: { page: 1, perPage: 1000, sort: 'name' } });
    this.collections = result.items;
    this.listeners.forEach((fn) => fn());
    return this.collections;
  },

  byName(name) {
    const lower = (name || '').toLowerCase();
    return this.collections.find((c) => c.name.toLowerCase() === lower || c.id === name);
  },

  byId(id) {
    return this.collections.find((c) => c.id === id);
  },

  onChange(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  },
};
