using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// Tier B, steady state: keep-alive pools at each concurrency, each scenario run for a fixed time
/// after a warm-up, with the bare Kestrel JSON ceiling measured at the same concurrency just before.
/// Writes go to a dedicated collection so the upstream-parity data stays as built.
/// </summary>
public static class TierB
{
    private const string Tier = "B";
    private const string Writes = "tierb_posts";

    public static async Task<List<ScenarioResult>> RunAsync(BenchOptions options, ServerProcess server, ServerProcess ceiling, PbApi api, Dataset data)
    {
        await api.PostAsync("/api/collections", DatasetSchema.Posts(Writes, data.CollectionIds["users"]));
        var results = new List<ScenarioResult>();
        var measured = TimeSpan.FromSeconds(options.Seconds);
        var warmup = TimeSpan.FromSeconds(Math.Max(0.5, options.Seconds / 5));
        var postIds = data.Posts["posts100k"];
        var body = Encoding.UTF8.GetBytes(Dataset.PostBody(1, data.Users[0], new Random(1)).ToJsonString());
        var patch = Encoding.UTF8.GetBytes(new JsonObject { ["title"] = "updated" }.ToJsonString());
        var token = data.UserToken;
        foreach (var conc in options.Concurrencies)
        {
            using var ceilingHttp = BenchHttp.KeepAlive(ceiling.BaseUrl, conc);
            using var http = BenchHttp.KeepAlive(server.BaseUrl, conc);
            async Task<ScenarioResult?> Run(string id, string name, long max, Func<int, CancellationToken, Task<int>> send, bool warm = true)
            {
                if (options.BScenarios is { } only && !only.Contains(id))
                {
                    return null;
                }

                await using var rss = new RssSampler(server.Pid);
                var r = await LoadGenerator.RunForAsync(Tier, $"{id}@{conc}", name, conc, warm ? warmup : TimeSpan.Zero, measured, max, send);
                r = r with { PeakRssMiB = rss.PeakMiB };
                Console.WriteLine(Report.Line(r));
                results.Add(r);
                return r;
            }

            await Run("ceiling", "bare Kestrel JSON (separate process)", long.MaxValue, (_, ct) => ceilingHttp.GetAsync("/api/json", null, ct));
            await Run("getOne", "GET posts100k/records/{id} (user token)", long.MaxValue, (_, ct) => http.GetAsync($"/api/collections/posts100k/records/{postIds[Random.Shared.Next(postIds.Count)]}", token, ct));
            await Run("list20", "GET posts100k/records?perPage=20 (with totals)", long.MaxValue, (_, ct) => http.GetAsync("/api/collections/posts100k/records?perPage=20", token, ct));
            await Run("list20-skipTotal", "GET posts100k/records?perPage=20&skipTotal=1", long.MaxValue, (_, ct) => http.GetAsync("/api/collections/posts100k/records?perPage=20&skipTotal=1", token, ct));
            await Run("auth-refresh", "POST users/auth-refresh", long.MaxValue, (_, ct) => http.SendAsync(HttpMethod.Post, "/api/collections/users/auth-refresh", token, null, ct));

            // Client-chosen ids (allowed by the API) let update and delete address what create made;
            // only ids answered with 200 are kept, so requests cut by the time bound are not reused.
            var issued = 0;
            var created = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var bodyTemplate = JsonNode.Parse(body)!.AsObject();
            await Run("create", $"POST {Writes}/records", long.MaxValue, async (_, ct) =>
            {
                var id = "b" + conc.ToString("D3", CultureInfo.InvariantCulture) + Interlocked.Increment(ref issued).ToString("D11", CultureInfo.InvariantCulture);
                var b = bodyTemplate.DeepClone().AsObject();
                b["id"] = id;
                var status = await http.SendAsync(HttpMethod.Post, $"/api/collections/{Writes}/records", null, Encoding.UTF8.GetBytes(b.ToJsonString()), ct);
                if (status == 200)
                {
                    created.Enqueue(id);
                }

                return status;
            });
            var ids = created.ToArray();
            if (ids.Length > 0)
            {
                await Run("update", $"PATCH {Writes}/records/{{id}} {{title}}", long.MaxValue, (_, ct) =>
                    http.SendAsync(HttpMethod.Patch, $"/api/collections/{Writes}/records/{ids[Random.Shared.Next(ids.Length)]}", null, patch, ct));
            }

            var deleted = -1;
            // Bounded by what exists: each id is deleted once, so no warm-up (the routes are warm by now).
            await Run("delete", $"DELETE {Writes}/records/{{id}}", ids.Length, (_, ct) =>
                http.SendAsync(HttpMethod.Delete, $"/api/collections/{Writes}/records/{ids[Interlocked.Increment(ref deleted)]}", null, null, ct), warm: false);
        }

        return results;
    }
}
