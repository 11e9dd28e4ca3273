using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Keeps the auth state of connected clients in step with their auth records, as upstream:
/// an update refreshes it (so rules see the new field values), a changed token key (password or
/// email change) or a delete turns the client into a guest, and so do a new token secret of the
/// auth collection or its deletion.
/// </summary>
public static class RealtimeAuthSync
{
    public static void Apply(IReadOnlyCollection<RealtimeClient> clients, RecordChange change)
    {
        if (!change.Collection.IsAuth || change.Action == "create")
        {
            return;
        }

        foreach (var client in clients)
        {
            if (client.Auth is not { } auth || !auth.Is(change.Record))
            {
                continue;
            }

            var keepsToken = change.Action == "update"
                && string.Equals(change.Record.GetString("tokenKey"), auth.TokenKey, StringComparison.Ordinal);
            client.TryReplaceAuth(auth, keepsToken ? new RealtimeAuth(change.Record) : null);
        }
    }

    /// <summary>Demotes clients whose auth collection is gone or has a new auth token secret.</summary>
    public static void ApplyCollections(IReadOnlyCollection<RealtimeClient> clients, IReadOnlyList<Collection> collections)
    {
        var secrets = collections.Where(c => c.IsAuth).ToDictionary(c => c.Id, c => c.TokenOptions("authToken").Secret, StringComparer.Ordinal);
        foreach (var client in clients)
        {
            if (client.Auth is { } auth
                && (!secrets.TryGetValue(auth.CollectionId, out var secret) || !string.Equals(secret, auth.AuthSecret, StringComparison.Ordinal)))
            {
                client.TryReplaceAuth(auth, null);
            }
        }
    }
}
