using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Logs;

/// <summary>One row of <c>auxiliary.db</c> <c>_logs</c>; <see cref="Data"/> keys are sorted as upstream's JSON maps are.</summary>
public sealed record LogEntry(string Id, string Created, int Level, string Message, JsonObject Data)
{
    /// <summary>Upstream's slog levels.</summary>
    public const int Debug = -4;
    public const int Info = 0;
    public const int Warn = 4;
    public const int Error = 8;

    /// <summary>The API item: <c>{id, created, data, message, level}</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["created"] = Created,
        ["data"] = Data.DeepClone(),
        ["message"] = Message,
        ["level"] = Level,
    };
}
