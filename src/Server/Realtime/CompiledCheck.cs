namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// A rule or filter compiled for one subscriber group: <c>SELECT 1 … WHERE id = @IdParameter AND (…)</c>
/// with its bound parameters; only the record id changes from one event to the next.
/// </summary>
public sealed record CompiledCheck(string Sql, IReadOnlyList<KeyValuePair<string, object?>> Parameters, string IdParameter);
