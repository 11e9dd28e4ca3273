using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// What Tier A's phases share: the server, an admin client, the dataset ids, a new-connection
/// HTTP client (upstream's runner opens one TCP connection per request) and the scenario runner
/// with upstream's cooldown and our wall-time bound.
/// </summary>
public sealed class TierAContext(BenchOptions options, ServerProcess server, PbApi api, Dataset data) : IDisposable
{
    public BenchOptions Options => options;

    public PbApi Api => api;

    public Dataset Data => data;

    public BenchHttp Http { get; } = BenchHttp.NewConnections(server.BaseUrl);

    public List<ScenarioResult> Results { get; } = [];

    public static byte[] Json(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    /// <summary>Updates a collection's rules/indexes the way upstream's runner does between scenarios.</summary>
    public Task UpdateCollectionAsync(string collection, JsonObject changes) => api.PatchAsync($"/api/collections/{collection}", changes);

    /// <summary>Create scenarios build the dataset, so they get a longer bound than the others.</summary>
    public const double CreateLimitSeconds = 180;

    public async Task<ScenarioResult> RunAsync(string id, string name, int count, int concurrency, Func<int, CancellationToken, Task<int>> send, string? note = null, Func<Task>? alongside = null, double? limitSeconds = null)
    {
        await Task.Delay(TimeSpan.FromSeconds(options.CooldownSeconds));
        var bound = limitSeconds ?? options.ALimitSeconds;
        var limit = TimeSpan.FromSeconds(bound);
        var background = alongside?.Invoke() ?? Task.CompletedTask;
        var result = await LoadGenerator.RunCountAsync("A", id, name, count, concurrency, limit, send);
        await background;
        var cut = result.Requests < count
            ? string.Create(CultureInfo.InvariantCulture, $"stopped issuing at the {bound:0} s bound: {result.Requests} of {count} sent")
            : null;
        result = result with { Upstream = UpstreamFigures.For(id), Note = note is null ? cut : cut is null ? note : $"{note}; {cut}" };
        Console.WriteLine(Report.Line(result) + (cut is null ? "" : "  [" + cut + "]"));
        Results.Add(result);
        return result;
    }

    public void Dispose() => Http.Dispose();
}
