using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>
/// One server process shared by the tests of a class, with the demo's collections plus a few
/// made to exercise rules: <c>calls</c> (public, owned), <c>offer_candidates</c> and
/// <c>answer_candidates</c> (cascade-deleted with their call; the latter visible only to the
/// call's owner), <c>posts</c> (listed by users, viewed by the owner, a hidden field).
/// </summary>
public abstract class RealtimeServerFixture
{
    protected const string AuthOnly = "@request.auth.id != ''";

    protected ServerProcess Server { get; private set; } = null!;

    protected ServerApi Api { get; private set; } = null!;

    protected string Superuser { get; private set; } = "";

    protected virtual IReadOnlyDictionary<string, string>? Environment => null;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        Server = await ServerProcess.StartAsync(Environment);
        Api = new ServerApi(Server.Address);
        Superuser = await Api.LoginAsync("_superusers", ServerProcess.SuperuserEmail, ServerProcess.SuperuserPassword);
        await CreateCollectionAsync("calls", "", "", [Json("offer"), Json("answer"), Relation("owner", "_pb_users_auth_", false)]);
        await CreateCollectionAsync("offer_candidates", AuthOnly, AuthOnly, [Json("data"), Relation("call_id", "calls", true)]);
        await CreateCollectionAsync("answer_candidates", "call_id.owner = @request.auth.id", "call_id.owner = @request.auth.id", [Json("data"), Relation("call_id", "calls", true)]);
        await CreateCollectionAsync("posts", AuthOnly, "owner = @request.auth.id",
            [new JsonObject { ["name"] = "title", ["type"] = "text" }, new JsonObject { ["name"] = "internal", ["type"] = "text", ["hidden"] = true }, Relation("owner", "_pb_users_auth_", false)]);
        // Users may list each other (the default rule shows only oneself), so email visibility can be tested.
        await Api.SendAsync(HttpMethod.Patch, "/api/collections/users", Superuser, new JsonObject { ["listRule"] = AuthOnly });
        await CreateCollectionAsync("locked", null, null, [new JsonObject { ["name"] = "title", ["type"] = "text" }]);
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
    }

    protected async Task<string> CollectionIdAsync(string name) =>
        (await Api.SendAsync(HttpMethod.Get, "/api/collections/" + name, Superuser))!["id"]!.GetValue<string>();

    private async Task CreateCollectionAsync(string name, string? listRule, string? viewRule, JsonObject[] fields)
    {
        var resolved = new JsonArray();
        foreach (var field in fields)
        {
            if (field["collectionId"]?.GetValue<string>() is { } target && !target.StartsWith('_'))
            {
                field["collectionId"] = await CollectionIdAsync(target);
            }

            resolved.Add(field);
        }

        await Api.SendAsync(HttpMethod.Post, "/api/collections", Superuser, new JsonObject
        {
            ["name"] = name,
            ["type"] = "base",
            ["fields"] = resolved,
            ["listRule"] = listRule,
            ["viewRule"] = viewRule,
            ["createRule"] = "",
            ["updateRule"] = "",
            ["deleteRule"] = "",
        });
    }

    private static JsonObject Json(string name) => new() { ["name"] = name, ["type"] = "json" };

    private static JsonObject Relation(string name, string collection, bool cascade) => new()
    {
        ["name"] = name,
        ["type"] = "relation",
        ["collectionId"] = collection,
        ["maxSelect"] = 1,
        ["cascadeDelete"] = cascade,
    };
}
