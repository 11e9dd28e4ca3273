using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// The changes of one committed transaction, in commit order, with the messages of its deletes
/// already built (before the commit, against the pre-delete state) and keyed by change index.
/// </summary>
public sealed record RealtimeBatch(
    IReadOnlyList<RecordChange> Changes,
    IReadOnlyDictionary<int, List<(RealtimeClient Client, RealtimeMessage Message)>> PreparedDeletes);
