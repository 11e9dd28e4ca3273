using PocketBaseSharp.RuleEngine.Requests;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// The auth state bound to a realtime client: the record its rules are evaluated with.
/// <see cref="TokenKey"/> is kept so that a change of it (password or email change) can be noticed
/// and the client demoted to a guest, as upstream does.
/// </summary>
public sealed record RealtimeAuth(RequestAuth Record, bool IsSuperuser, string TokenKey)
{
    public string RecordId => Record.Id;

    public string CollectionId => Record.CollectionId;

    /// <summary>Upstream compares auth states by record id and collection id only.</summary>
    public bool IsSameRecord(RealtimeAuth? other) =>
        other is not null
        && string.Equals(RecordId, other.RecordId, StringComparison.Ordinal)
        && string.Equals(CollectionId, other.CollectionId, StringComparison.Ordinal);
}
