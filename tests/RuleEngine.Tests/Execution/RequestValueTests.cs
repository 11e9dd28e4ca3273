using System.Text.Json;
using PocketBaseSharp.RuleEngine.Requests;
using PocketBaseSharp.RuleEngine.Tests.Support;
using static PocketBaseSharp.RuleEngine.Tests.Support.SpecRequests;

namespace PocketBaseSharp.RuleEngine.Tests.Execution;

/// <summary>Request values in the shapes a server hands over: JsonElement bodies, list-valued auth fields.</summary>
[Parallelizable(ParallelScope.None)]
public sealed class RequestValueTests
{
    private SpecDatabase _db = null!;

    [OneTimeSetUp]
    public void CreateDatabase() => _db = new SpecDatabase();

    [OneTimeTearDown]
    public void DropDatabase() => _db.Dispose();

    private static RequestInfo WithJsonBody(string json) => AsU1 with
    {
        Body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!.ToDictionary(p => p.Key, p => (object?)p.Value),
    };

    [TestCase("@request.body.title = 'New'", true)]
    [TestCase("@request.body.views = 42", true)]
    [TestCase("@request.body.published = true", true)]
    [TestCase("@request.body.meta.x.y = 3", true)]
    [TestCase("@request.body.meta.list.1 = 'b'", true)]
    [TestCase("@request.body.tags:length = 2", true)]
    [TestCase("@request.body.tags:each ?= 'b'", true)]
    [TestCase("@request.body.editors.name ?= 'Bob'", true)]
    [TestCase("@request.body.author.name = 'Alice'", true)]
    [TestCase("@request.body.nothing = null", true)]
    [TestCase("@request.body.nothing:isset = true", true)]
    [TestCase("@request.body.meta.x.y:isset = true", true)] // nested keys, as upstream
    [TestCase("@request.body.meta.x.z:isset = false", true)]
    [TestCase("@request.body.meta.list.1:isset = true", true)]
    [TestCase("@request.body.meta.list.2:isset = true", false)]
    [TestCase("@request.body.nothing.a:isset = false", true)]
    [TestCase("@request.context:isset = true && @request.method:isset = true", true)]
    [TestCase("@request.body.tags ~ 'a'", true)]
    [TestCase("@request.body.author.nickname = null", true)] // no such field on users: NULL, as upstream
    [TestCase("@request.body.editors.nickname ?= 'x'", false)]
    public void Filter_JsonElementBody_ReadsLikePlainValues(string filter, bool matches)
    {
        var request = WithJsonBody("""
            {"title":"New","views":42,"published":true,"meta":{"x":{"y":3},"list":["a","b"]},"tags":["a","b"],
             "editors":["u1aaaaaaaaaaaaa","u2bbbbbbbbbbbbb"],"author":"u1aaaaaaaaaaaaa","nothing":null}
            """);
        Assert.That(_db.MatchingPosts(filter, request), Is.EqualTo(matches ? new[] { P1, P2 } : Array.Empty<string>()));
    }

    [Test]
    public void Filter_ListValuedAuthField_ComparesAsJsonText()
    {
        var request = AsU1 with
        {
            Auth = AsU1.Auth! with { Fields = new Dictionary<string, object?> { ["tags"] = new List<object?> { "news", "tech" }, ["name"] = "Alice" } },
        };
        Assert.Multiple(() =>
        {
            Assert.That(_db.MatchingPosts("@request.auth.tags = tags", request), Is.EqualTo(new[] { P1 }));
            Assert.That(_db.MatchingPosts("@request.auth.name = author.name", request), Is.EqualTo(new[] { P1 }));
        });
    }

    [TestCase("@request.auth.id = ''", true, true)]
    [TestCase("@request.auth.name = 'Alice'", false, false)]
    [TestCase("@request.auth.verified != true", true, true)]
    [TestCase("editors.id ?= @request.auth.id", false, true)] // empty ≡ null: a post without editors
    [TestCase("editors.id != @request.auth.id", true, false)]
    [TestCase("editors ~ @request.auth.id", false, false)]
    [TestCase("editors !~ @request.auth.id", false, false)]
    public void Filter_AsGuest_AuthValuesAreNull(string filter, bool p1, bool p2)
    {
        var expected = new[] { (p1, P1), (p2, P2) }.Where(x => x.Item1).Select(x => x.Item2);
        Assert.That(_db.MatchingPosts(filter, AsGuest), Is.EqualTo(expected));
    }

    // As upstream, a field missing from the auth record's collection reads as NULL instead of failing:
    // one rule serves every auth collection, and not all of them have the same fields.
    [TestCase("@request.auth.nickname = ''", true, true)]
    [TestCase("@request.auth.nickname != ''", false, false)]
    [TestCase("@request.auth.nickname:lower = 'x'", false, false)]
    [TestCase("@request.auth.nope_via_user.name = null", true, true)]
    [TestCase("@request.auth.comments_via_user.post ?= id", true, false)]
    public void Filter_AuthFieldMissingFromTheAuthCollection_IsNull(string filter, bool p1, bool p2)
    {
        var expected = new[] { (p1, P1), (p2, P2) }.Where(x => x.Item1).Select(x => x.Item2);
        Assert.That(_db.MatchingPosts(filter, AsU1), Is.EqualTo(expected));
    }

    [TestCase("realtime", "@request.context = 'realtime'", true)]
    [TestCase("expand", "@request.context != 'default'", true)]
    [TestCase("default", "@request.context = 'realtime'", false)]
    public void Filter_Context_IsTheRequestContext(string context, string filter, bool matches) =>
        Assert.That(_db.MatchingPosts(filter, AsU1 with { Context = context }), Is.EqualTo(matches ? new[] { P1, P2 } : Array.Empty<string>()));
}
