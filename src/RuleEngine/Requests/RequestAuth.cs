namespace PocketBaseSharp.RuleEngine.Requests;

/// <summary>
/// The authenticated record of a request (<c>@request.auth.*</c>). <see cref="Fields"/> holds the
/// record's stored values (plain CLR values: string, double, bool, null, lists, dictionaries);
/// fields not given here are resolved by a join on the auth collection.
/// </summary>
public sealed record RequestAuth(
    string Id,
    string CollectionId,
    string CollectionName,
    IReadOnlyDictionary<string, object?> Fields);
