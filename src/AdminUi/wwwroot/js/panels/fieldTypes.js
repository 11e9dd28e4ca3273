// The 14 field types: label and the options a new field of that type starts with
// (records-and-fields.md §2).

export const FIELD_TYPES = [
  ['text', 'Plain text', { min: 0, max: 0, pattern: '', autogeneratePattern: '', primaryKey: false }],
  ['editor', 'Rich editor', { maxSize: 0, convertURLs: false }],
  ['number', 'Number', { min: null, max: null, onlyInt: false }],
  ['bool', 'Bool', {}],
  ['email', 'Email', { exceptDomains: null, onlyDomains: null }],
  ['url', 'URL', { exceptDomains: null, onlyDomains: null }],
  ['date', 'DateTime', { min: '', max: '' }],
  ['autodate', 'Autodate', { onCreate: true, onUpdate: false }],
  ['select', 'Select', { values: [], maxSelect: 1 }],
  ['file', 'File', { maxSelect: 1, maxSize: 0, mimeTypes: [], thumbs: [], protected: false }],
  ['relation', 'Relation', { collectionId: '', cascadeDelete: false, minSelect: 0, maxSelect: 1 }],
  ['json', 'JSON', { maxSize: 0 }],
  ['geoPoint', 'Geo point', {}],
  ['password', 'Password', { min: 0, max: 0, pattern: '', cost: 0 }],
];

export const typeLabel = (type) => FIELD_TYPES.find(([t]) => t === type)?.[1] || type;

/** A new, id-less field; the server gives it an id on save. */
export function newField(type, name) {
  const [, , options] = FIELD_TYPES.find(([t]) => t === type);
  const common = { name, type, system: false, hidden: false, presentable: false };
  if (type === 'autodate') return { ...common, ...structuredClone(options) };
  return { ...common, required: false, help: '', ...structuredClone(options) };
}

/** The fields a new collection starts with: id, plus created/updated autodates (as upstream's dashboard does). */
export function defaultFields() {
  return [
    { name: 'id', type: 'text', system: true, primaryKey: true, required: true, hidden: false, presentable: false,
      help: '', min: 15, max: 15, pattern: '^[a-z0-9]+$', autogeneratePattern: '[a-z0-9]{15}' },
    { ...newField('autodate', 'created'), onCreate: true, onUpdate: false },
    { ...newField('autodate', 'updated'), onCreate: true, onUpdate: true },
  ];
}
