namespace PocketBaseSharp.RuleEngine.Schema;

/// <summary>
/// What the rule engine needs to know about one field of a collection. The server maps its own
/// collection model into this shape, so the engine never sees EF or HTTP types.
/// </summary>
/// <param name="Name">Column name, as in the collection's <c>fields</c>.</param>
/// <param name="Type">PocketBase field type name: text, number, bool, email, url, editor, date,
/// autodate, select, relation, json, password, geoPoint, file.</param>
/// <param name="Multiple">True for select/relation/file with <c>maxSelect</c> &gt; 1 (stored as a JSON array).</param>
/// <param name="Hidden">Hidden fields cannot be used in a non-superuser's client filter or sort.</param>
/// <param name="RelationCollectionId">Target collection id of a relation field, otherwise null.</param>
/// <param name="Unique">True when a single-column UNIQUE index covers the field (makes a back-relation single-valued).</param>
public sealed record FieldSchema(
    string Name,
    string Type,
    bool Multiple = false,
    bool Hidden = false,
    string? RelationCollectionId = null,
    bool Unique = false);
