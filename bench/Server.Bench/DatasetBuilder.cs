using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// Builds upstream's dataset through the public API only: collections via /api/collections, rows
/// via /api/batch (enabled for the run), users one by one in parallel because each costs a
/// bcrypt hash. Seeded with a fixed random seed so runs build the same relations.
/// </summary>
public static class DatasetBuilder
{
    private const int BatchSize = 500;

    public static async Task CreateSchemaAsync(PbApi api, Dataset data, IEnumerable<string> postCollections)
    {
        // Upstream's runner benchmarks with request logs off (logs.maxDays = 0); batch is for seeding.
        await api.PatchAsync("/api/settings", new JsonObject
        {
            ["batch"] = new JsonObject { ["enabled"] = true, ["maxRequests"] = 1000, ["timeout"] = 120 },
            ["logs"] = new JsonObject { ["maxDays"] = 0 },
        });
        var orgs = await api.PostAsync("/api/collections", DatasetSchema.Organizations());
        var perms = await api.PostAsync("/api/collections", DatasetSchema.Permissions());
        data.CollectionIds["organizations"] = orgs["id"]!.GetValue<string>();
        data.CollectionIds["permissions"] = perms["id"]!.GetValue<string>();
        var users = await api.GetAsync("/api/collections/users");
        data.CollectionIds["users"] = users["id"]!.GetValue<string>();
        await api.PatchAsync("/api/collections/users", DatasetSchema.ExtendUsers(users, data.CollectionIds["organizations"], data.CollectionIds["permissions"]));
        foreach (var name in postCollections)
        {
            var posts = await api.PostAsync("/api/collections", DatasetSchema.Posts(name, data.CollectionIds["users"]));
            data.CollectionIds[name] = posts["id"]!.GetValue<string>();
        }
    }

    /// <summary>Every record id of a collection, paged 1,000 at a time in id order.</summary>
    public static async Task<List<string>> LoadIdsAsync(PbApi api, string collection)
    {
        var ids = new List<string>();
        // Bounded: at most 1,000 pages (a million rows).
        for (var page = 1; page <= 1000; page++)
        {
            var list = await api.GetAsync($"/api/collections/{collection}/records?page={page}&perPage=1000&fields=id&skipTotal=1&sort=id");
            var items = list["items"]!.AsArray();
            ids.AddRange(items.Select(i => i!["id"]!.GetValue<string>()));
            if (items.Count < 1000)
            {
                break;
            }
        }

        return ids;
    }

    public static async Task<TimeSpan> SeedAsync(PbApi api, Dataset data, DatasetScale scale)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(42);
        await CreateSchemaAsync(api, data, scale.Posts.Select(p => p.Name));
        data.Organizations.AddRange(await api.BatchCreateAsync("organizations", Enumerable.Range(0, scale.Organizations).Select(i => new JsonObject { ["name"] = $"org{i}" })));
        data.Permissions.AddRange(await api.BatchCreateAsync("permissions", Enumerable.Range(0, scale.Permissions).Select(i => new JsonObject { ["name"] = $"perm{i}", ["active"] = i % 2 == 0 })));
        var userBodies = Enumerable.Range(0, scale.Users)
            .Select(i => Dataset.UserBody(i, data.Organizations[random.Next(data.Organizations.Count)], Enumerable.Range(0, 3).Select(_ => data.Permissions[random.Next(data.Permissions.Count)]).Distinct()))
            .ToList();
        var userIds = new string[scale.Users];
        // bcrypt-bound: as many in flight as there are cores keeps both busy.
        await Parallel.ForEachAsync(Enumerable.Range(0, scale.Users), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount * 2 }, async (i, _) =>
        {
            var created = await api.PostAsync("/api/collections/users/records", userBodies[i]);
            userIds[i] = created["id"]!.GetValue<string>();
        });
        data.Users.AddRange(userIds);
        foreach (var (name, rows) in scale.Posts)
        {
            var ids = new List<string>(rows);
            for (var offset = 0; offset < rows; offset += BatchSize)
            {
                var count = Math.Min(BatchSize, rows - offset);
                ids.AddRange(await api.BatchCreateAsync(name, Enumerable.Range(offset, count).Select(i => Dataset.PostBody(i, data.Users[random.Next(data.Users.Count)], random))));
            }

            data.Posts[name] = ids;
        }

        var auth = await api.AuthWithPasswordAsync("users", Dataset.UserEmail(0), Dataset.UserPassword);
        data.UserToken = auth["token"]!.GetValue<string>();
        return clock.Elapsed;
    }
}
