using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// The auth record bound to a realtime client, as it was when bound. <see cref="TokenKey"/> is
/// remembered so that a later change of it (password or email change) demotes the client to a
/// guest, as upstream does.
/// </summary>
public sealed class RealtimeAuth(Record record)
{
    /// <summary>The record without its password hash, which realtime never reads and 10,000 clients kept 1.5 MB of.</summary>
    public Record Record => State.Record!;

    public RequestAuthState State { get; } = new(WithoutPassword(record), null);

    public string RecordId { get; } = record.Id;

    public string CollectionId { get; } = record.Collection.Id;

    public bool IsSuperuser => State.IsSuperuser;

    public string TokenKey { get; } = record.GetString("tokenKey");

    /// <summary>The collection's auth token secret when bound: a new secret invalidates the binding.</summary>
    public string AuthSecret { get; } = record.Collection.TokenOptions("authToken").Secret;

    /// <summary>
    /// With <see cref="TokenKey"/>, changes whenever the record is refreshed, so cached rule checks
    /// of the old state are not reused. (Both go into cache keys as they are: a joined string
    /// per client was ~170 bytes each.)
    /// </summary>
    public string Updated { get; } = record.GetString("updated");

    /// <summary>Upstream compares auth states by record id and collection id only.</summary>
    public bool IsSameRecord(RealtimeAuth? other) =>
        other is not null
        && string.Equals(RecordId, other.RecordId, StringComparison.Ordinal)
        && string.Equals(CollectionId, other.CollectionId, StringComparison.Ordinal);

    private static Record WithoutPassword(Record record)
    {
        if (!record.Values.ContainsKey("password"))
        {
            return record;
        }

        var values = new Dictionary<string, object?>(record.Values.Count - 1, record.Values.Comparer);
        foreach (var (key, value) in record.Values)
        {
            if (key != "password")
            {
                values[key] = value;
            }
        }

        return new Record(record.Collection, values);
    }

    public bool Is(Record record) =>
        string.Equals(RecordId, record.Id, StringComparison.Ordinal)
        && string.Equals(CollectionId, record.Collection.Id, StringComparison.Ordinal);
}
