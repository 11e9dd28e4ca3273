using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// Tier A delete phase (run last: it cascades through the dataset): 100 posts per collection with
/// rule "" then an auth rule, then 100 users (cascading their posts), then the organizations
/// (cascading users and posts).
/// </summary>
public static class TierADelete
{
    public static async Task RunAsync(TierAContext a)
    {
        var random = new Random(11);
        var token = a.Data.UserToken;
        foreach (var col in a.Options.ACollections)
        {
            var remaining = a.Data.Posts[col].OrderBy(_ => random.Next()).ToList();
            foreach (var (rule, label) in new[] { ("", "\"\""), ("@request.auth.id != ''", "auth") })
            {
                var ids = remaining.Take(100).ToArray();
                remaining.RemoveRange(0, ids.Length);
                await Delete(a, $"D1 {col} rule={label}", col, rule, ids, token);
            }
        }

        // Keep users0 (the token's owner) for last so the auth rule stays satisfiable.
        var users = a.Data.Users.Skip(1).OrderBy(_ => random.Next()).Take(100).ToArray();
        await Delete(a, "D1 users (cascade)", "users", "", users, token);
        await Delete(a, "D1 organizations (cascade)", "organizations", "", a.Data.Organizations.Take(100).ToArray(), token);
    }

    private static async Task Delete(TierAContext a, string id, string collection, string rule, string[] ids, string token)
    {
        await a.UpdateCollectionAsync(collection, new JsonObject { ["deleteRule"] = rule });
        await a.RunAsync(id, $"DELETE {collection}/records/{{id}}" + (rule.Length == 0 ? "" : $", deleteRule `{rule}`"), ids.Length, 10,
            (n, ct) => a.Http.SendAsync(HttpMethod.Delete, $"/api/collections/{collection}/records/{ids[n]}", token, null, ct));
    }
}
