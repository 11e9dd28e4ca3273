using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Keeps the auth state of connected clients in step with their auth records, as upstream:
/// an update refreshes it (so rules see the new field values), a changed token key (password or
/// email change) or a delete turns the client into a guest.
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
}
