using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// Tier A create phase: builds the dataset the way upstream's runner does, each collection in two
/// halves (open create rule, then a rule), one new connection per request.
/// </summary>
public static class TierACreate
{
    private const string PostRule = "@request.auth.id != '' && @request.body.public:isset = true";
    private const string UserRule = "@request.body.email != '' && @request.body.permissions:length > 0";

    public static async Task RunAsync(TierAContext a)
    {
        var scale = a.Options.Scale;
        var data = a.Data;
        await DatasetBuilder.CreateSchemaAsync(a.Api, data, scale.Posts.Select(p => p.Name));
        await Halves(a, "C1", "organizations", scale.Organizations, 10, "@request.body.name != ''", null, (i, _) => new JsonObject { ["name"] = $"organizations{i}" });
        await Halves(a, "C2", "permissions", scale.Permissions, 5, "@request.body.name != ''", null, (i, _) => new JsonObject { ["name"] = $"permissions{i}", ["active"] = i % 2 == 0 });
        data.Organizations.AddRange(await DatasetBuilder.LoadIdsAsync(a.Api, "organizations"));
        data.Permissions.AddRange(await DatasetBuilder.LoadIdsAsync(a.Api, "permissions"));
        await Halves(a, "C3", "users", scale.Users, 50, UserRule, null, (i, random) =>
            Dataset.UserBody(i, Pick(data.Organizations, random), Enumerable.Range(0, 3).Select(_ => Pick(data.Permissions, random)).Distinct()), note: "bcrypt");
        data.Users.AddRange(await DatasetBuilder.LoadIdsAsync(a.Api, "users"));
        data.UserToken = (await a.Api.AuthWithPasswordAsync("users", Dataset.UserEmail(0), Dataset.UserPassword))["token"]!.GetValue<string>();
        foreach (var (name, rows) in scale.Posts)
        {
            await Halves(a, "C4", name, rows, 500, PostRule, data.UserToken, (i, random) => Dataset.PostBody(i, Pick(data.Users, random), random), ruleId: "auth");
        }
    }

    /// <summary>Two scenarios of <paramref name="total"/>/2 creates: rule "" without a token, then the rule.</summary>
    private static async Task Halves(TierAContext a, string id, string collection, int total, int concurrency, string rule, string? token, Func<int, Random, JsonObject> body, string? note = null, string ruleId = "body")
    {
        var half = total / 2;
        var offset = 0;
        foreach (var (createRule, auth, label) in new[] { ("", (string?)null, "\"\""), (rule, token, ruleId) })
        {
            await a.UpdateCollectionAsync(collection, new JsonObject { ["createRule"] = createRule });
            var count = label == "\"\"" ? half : total - half;
            var start = offset;
            // One pre-built body per request keeps JSON work out of the timed loop.
            var random = new Random(start + 7);
            var bodies = Enumerable.Range(start, count).Select(i => TierAContext.Json(body(i, random))).ToArray();
            await a.RunAsync($"{id} {collection} rule={label}", $"create {collection}, createRule {(createRule.Length == 0 ? "\"\"" : $"`{createRule}`")}", count, concurrency,
                (n, ct) => a.Http.SendAsync(HttpMethod.Post, $"/api/collections/{collection}/records", auth, bodies[n], ct), note, limitSeconds: TierAContext.CreateLimitSeconds);
            offset += count;
        }

        await a.UpdateCollectionAsync(collection, new JsonObject { ["createRule"] = "" });
    }

    private static string Pick(List<string> list, Random random) => list[random.Next(list.Count)];
}
