using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// Tier A auth and list phases: password auth, auth-refresh, users getOne, then per posts
/// collection the plain lists, the mixed read/write, the expands and every list-rule variant with
/// and without an index and skipTotal, each with a user token as upstream sends.
/// </summary>
public static class TierASearch
{
    public static async Task RunAuthAsync(TierAContext a)
    {
        var login = TierAContext.Json(new JsonObject { ["identity"] = Dataset.UserEmail(0), ["password"] = Dataset.UserPassword });
        foreach (var conc in new[] { 250, 10 })
        {
            await a.RunAsync($"A1 auth-with-password 250/{conc}", "POST users/auth-with-password", 250, conc,
                (_, ct) => a.Http.SendAsync(HttpMethod.Post, "/api/collections/users/auth-with-password", null, login, ct), "bcrypt", limitSeconds: Math.Max(30, a.Options.ALimitSeconds));
        }

        foreach (var conc in new[] { 1000, 100 })
        {
            await a.RunAsync($"A2 auth-refresh 1000/{conc}", "POST users/auth-refresh", 1000, conc,
                (_, ct) => a.Http.SendAsync(HttpMethod.Post, "/api/collections/users/auth-refresh", a.Data.UserToken, null, ct));
        }
    }

    public static async Task RunListsAsync(TierAContext a)
    {
        var token = a.Data.UserToken;
        var user = a.Data.Users[0];
        foreach (var conc in new[] { 1000, 100 })
        {
            await a.RunAsync($"S0 users getOne 1000/{conc}", "GET users/records/{id}", 1000, conc, (_, ct) => a.Http.GetAsync($"/api/collections/users/records/{user}", token, ct));
        }

        foreach (var col in a.Options.ACollections)
        {
            await RunCollectionAsync(a, col, token);
        }
    }

    private static async Task RunCollectionAsync(TierAContext a, string col, string token)
    {
        var list = $"/api/collections/{col}/records?perPage=20";
        async Task List(string id, string name, int count, int conc, string query, string rule = "", string? index = null, Func<Task>? alongside = null)
        {
            await a.UpdateCollectionAsync(col, new JsonObject
            {
                ["listRule"] = rule,
                ["indexes"] = index is null ? new JsonArray() : new JsonArray(index.Replace("{col}", col, StringComparison.Ordinal)),
            });
            await a.RunAsync($"{id} {col} {name}", $"GET {col}/records{query}" + (rule.Length == 0 ? "" : $", listRule `{rule}`") + (index is null ? "" : ", with index"),
                count, conc, (_, ct) => a.Http.GetAsync($"/api/collections/{col}/records{query}", token, ct), alongside: alongside);
        }

        await List("S1", "simpleA", 1000, 1, "?perPage=20");
        await List("S1", "simpleB", 1000, 1000, "?perPage=20");
        await List("S1", "simpleC", 1000, 1000, "?perPage=20&skipTotal=1");
        var ids = a.Data.Posts[col];
        var random = new Random(3);
        var updates = Enumerable.Range(0, 300).Select(_ => ids[random.Next(ids.Count)]).ToArray();
        await List("S2", "mixed", 1000, 1000, "?perPage=20", alongside: () => Task.WhenAll(updates.Select(id =>
            a.Http.SendAsync(HttpMethod.Patch, $"/api/collections/{col}/records/{id}", token, TierAContext.Json(new JsonObject { ["title"] = "update" + id }), CancellationToken.None))));
        await List("S3", "expand=author", 100, 10, "?perPage=20&expand=author");
        await List("S3", "expand=author (fields)", 100, 10, "?perPage=20&expand=author&fields=id,collectionId,expand.author.id");
        await List("S3", "expand=author.permissions", 100, 10, "?perPage=20&expand=author.permissions");
        await List("S3", "expand=author.permissions (fields)", 100, 10, "?perPage=20&expand=author.permissions&fields=id,collectionId,expand.author.id,expand.author.expand.permissions.id");
        await List("S4", "@request.auth.id != ''", 100, 10, "?perPage=20", "@request.auth.id != ''");
        const string authorIndex = "CREATE INDEX `author_idx_{col}` ON `{col}` (`author`)";
        const string descriptionIndex = "CREATE INDEX `descriptions_idx_{col}` ON `{col}` (`description`)";
        foreach (var (label, rule, index) in new[] { ("author", "author = @request.auth.id", authorIndex), ("author.id", "author.id = @request.auth.id", authorIndex), ("description ~", "description ~ 'ipsum dolor'", descriptionIndex) })
        {
            await List("S4", $"{label} (no index)", 100, 10, "?perPage=20", rule);
            await List("S4", $"{label} (index)", 100, 10, "?perPage=20", rule, index);
            await List("S4", $"{label} (index, skipTotal)", 100, 10, "?perPage=20&skipTotal=1", rule, index);
        }

        foreach (var rule in new[] { "type:each != 'c'", "type:each ?!= 'c'", "author.organization.name != 'test'", "author.permissions.active = true", "author.permissions.active ?= true" })
        {
            var label = rule.EndsWith(" true", StringComparison.Ordinal) ? rule[..^5] : rule;
            await List("S4", label, 100, 10, "?perPage=20", rule);
            await List("S4", $"{label} (skipTotal)", 100, 10, "?perPage=20&skipTotal=1", rule);
        }

        await a.UpdateCollectionAsync(col, new JsonObject { ["listRule"] = "", ["indexes"] = new JsonArray() });
    }
}
