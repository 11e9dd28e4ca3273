namespace PocketBaseSharp.Server;

/// <summary>What <c>serve</c> was started with (PocketBase's flag names and defaults).</summary>
public sealed class ServerOptions
{
    public string DataDir { get; init; } = "pb_data";

    public string Http { get; init; } = "127.0.0.1:8090";

    public IReadOnlyList<string> Origins { get; init; } = ["*"];

    /// <summary>Static files served at <c>/</c>; upstream keeps <c>pb_public</c> beside the data dir.</summary>
    public string PublicDir { get; init; } = "pb_public";

    public bool IndexFallback { get; init; } = true;

    /// <summary>Default request body limit (32 MiB); record writes add their fields' own limits.</summary>
    public long MaxBodySize { get; init; } = 32L << 20;
}
