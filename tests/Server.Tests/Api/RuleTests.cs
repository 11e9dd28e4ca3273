using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;
using static PocketBaseSharp.Server.Tests.Support.Collections;

namespace PocketBaseSharp.Server.Tests.Api;

/// <summary>Every rule outcome with expression rules, plus client filter/sort restrictions.</summary>
[CancelAfter(120_000)]
public sealed class RuleTests : ServerTestBase
{
    private readonly Dictionary<string, string> _tokens = [];
    private readonly Dictionary<string, string> _ids = [];

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        foreach (var name in new[] { "u1", "u2" })
        {
            var user = await Api.PostAsync("/api/collections/users/records", new { email = name + "@example.com", password = "1234567890", passwordConfirm = "1234567890", name });
            Assert.That(user.Status, Is.EqualTo(HttpStatusCode.OK), user.Text);
            _ids[name] = user.Object["id"]!.GetValue<string>();
            _tokens[name] = await Api.LoginAsync("users", name + "@example.com", "1234567890");
        }

        const string owner = "author = @request.auth.id";
        var posts = new JsonObject
        {
            ["name"] = "posts",
            ["listRule"] = owner + " || public = true",
            ["viewRule"] = owner + " || public = true",
            ["createRule"] = "@request.auth.id != \"\" && @request.body.author = @request.auth.id",
            ["updateRule"] = owner,
            ["deleteRule"] = owner,
            ["fields"] = new JsonArray(
                Field("title", "text"),
                Field("public", "bool"),
                Field("note", "text", new JsonObject { ["hidden"] = true }),
                Field("author", "relation", new JsonObject { ["collectionId"] = "_pb_users_auth_" }),
                Autodate("created", false)),
        };
        await CreateAsync(Api, SuperuserToken, posts);
        foreach (var (user, title, isPublic) in new[] { ("u1", "u1-private", false), ("u1", "u1-public", true), ("u2", "u2-private", false) })
        {
            var post = await Api.PostAsync("/api/collections/posts/records", new { title, @public = isPublic, author = _ids[user] }, _tokens[user]);
            Assert.That(post.Status, Is.EqualTo(HttpStatusCode.OK), post.Text);
            _ids[title] = post.Object["id"]!.GetValue<string>();
        }
    }

    private string? TokenOf(string caller) => caller switch
    {
        "superuser" => SuperuserToken,
        "guest" => null,
        _ => _tokens[caller],
    };

    public static IEnumerable<TestCaseData> Outcomes()
    {
        ApiScenario S(string name, string method, string url, HttpStatusCode status) => new(name, method, url, status);
        yield return new TestCaseData(S("guest list filters to public", "GET", "/api/collections/posts/records", HttpStatusCode.OK) with { Expected = ["u1-public", "\"totalItems\":1"], NotExpected = ["private"] });
        yield return new TestCaseData(S("owner list sees own and public", "GET", "/api/collections/posts/records?sort=title", HttpStatusCode.OK) with { Caller = "u1", Expected = ["u1-private", "u1-public", "\"totalItems\":2"], NotExpected = ["u2-private"] });
        yield return new TestCaseData(S("superuser sees all and hidden", "GET", "/api/collections/posts/records", HttpStatusCode.OK) with { Caller = "superuser", Expected = ["\"totalItems\":3", "\"note\":"] });
        yield return new TestCaseData(S("client filter", "GET", "/api/collections/posts/records?filter=(title~'public')", HttpStatusCode.OK) with { Caller = "u1", Expected = ["\"totalItems\":1"] });
        yield return new TestCaseData(S("client filter through relation", "GET", "/api/collections/posts/records?filter=author.name='u1'", HttpStatusCode.OK) with { Caller = "u1", Expected = ["\"totalItems\":2"] });
        yield return new TestCaseData(S("filter by @request is superuser only", "GET", "/api/collections/posts/records?filter=@request.auth.id!=''", HttpStatusCode.Forbidden) with { Caller = "u1", Expected = ["Only superusers can filter by @request."] });
        yield return new TestCaseData(S("filter by hidden field", "GET", "/api/collections/posts/records?filter=note='x'", HttpStatusCode.BadRequest) with { Caller = "u1" });
        yield return new TestCaseData(S("bad filter syntax", "GET", "/api/collections/posts/records?filter=title=", HttpStatusCode.BadRequest) with { Caller = "u1" });
        yield return new TestCaseData(S("unknown filter field", "GET", "/api/collections/posts/records?filter=nope=1", HttpStatusCode.BadRequest) with { Caller = "u1" });
        yield return new TestCaseData(S("bad sort", "GET", "/api/collections/posts/records?sort=nope", HttpStatusCode.BadRequest) with { Caller = "u1" });
        // users' listRule lets u2 list only itself, so posts whose author is u1 drop out (upstream adds the related list rule to the WHERE).
        yield return new TestCaseData(S("sort through relation keeps only listable related rows", "GET", "/api/collections/posts/records?sort=author.name", HttpStatusCode.OK) with { Caller = "u2", Expected = ["\"totalItems\":1"], NotExpected = ["u1-public"] });
        yield return new TestCaseData(S("random sort", "GET", "/api/collections/posts/records?sort=@random", HttpStatusCode.OK) with { Caller = "u1", Expected = ["\"totalItems\":2"] });
        yield return new TestCaseData(S("create rule fails for guest", "POST", "/api/collections/posts/records", HttpStatusCode.BadRequest) with { Body = new { title = "g" }, Expected = ["Failed to create record.", "\"data\":{}"] });
        yield return new TestCaseData(S("create rule fails for someone else's author", "POST", "/api/collections/posts/records", HttpStatusCode.BadRequest) with { Caller = "u1", Body = new { title = "x" } });
    }

    [TestCaseSource(nameof(Outcomes))]
    public async Task Outcome(ApiScenario scenario) => await ScenarioRunner.RunAsync(Api, scenario, TokenOf);

    [Test]
    public async Task ViewUpdateDelete_FailedRuleIs404_OwnerSucceeds()
    {
        var id = _ids["u2-private"];
        var scenarios = new[]
        {
            new ApiScenario("view other's private", "GET", $"/api/collections/posts/records/{id}", HttpStatusCode.NotFound) { Caller = "u1" },
            new ApiScenario("update other's", "PATCH", $"/api/collections/posts/records/{id}", HttpStatusCode.NotFound) { Caller = "u1", Body = new { title = "hacked" } },
            new ApiScenario("delete other's", "DELETE", $"/api/collections/posts/records/{id}", HttpStatusCode.NotFound) { Caller = "u1" },
            new ApiScenario("owner view with expand", "GET", $"/api/collections/posts/records/{id}?expand=author", HttpStatusCode.OK) { Caller = "u2", Expected = ["\"expand\":{\"author\":", "u2@example.com"] },
            new ApiScenario("owner update", "PATCH", $"/api/collections/posts/records/{id}", HttpStatusCode.OK) { Caller = "u2", Body = new { title = "u2-renamed" }, Expected = ["u2-renamed"] },
        };
        foreach (var s in scenarios)
        {
            await ScenarioRunner.RunAsync(Api, s, TokenOf);
        }
    }

    [Test]
    public async Task Create_OwnAuthor_200_ThenOwnerDeletes204()
    {
        var create = await Api.PostAsync("/api/collections/posts/records", new { title = "mine", author = _ids["u2"] }, _tokens["u2"]);
        Assert.That(create.Status, Is.EqualTo(HttpStatusCode.OK), create.Text);
        var delete = await Api.DeleteAsync($"/api/collections/posts/records/{create.Object["id"]}", _tokens["u2"]);
        Assert.That(delete.Status, Is.EqualTo(HttpStatusCode.NoContent), delete.Text);
    }

    [Test]
    public async Task Expand_RespectsRelatedViewRule()
    {
        // u1 may see u1-public, but users' viewRule hides other users from u2.
        var response = await Api.GetAsync($"/api/collections/posts/records/{_ids["u1-public"]}?expand=author", _tokens["u2"]);
        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
            Assert.That(response.Object["expand"]!.AsObject(), Is.Empty);
        });
    }
}
