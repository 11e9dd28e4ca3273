namespace PocketBaseSharp.RuleEngine.Schema;

/// <summary>
/// Supplied by the server: finds collections for relation hops, back-relations
/// (<c>coll_via_field</c>) and <c>@collection.NAME</c> references.
/// </summary>
public interface ISchemaLookup
{
    /// <summary>Finds a collection by id or by name (name match is case-insensitive, as upstream).</summary>
    CollectionSchema? FindCollection(string nameOrId);
}
