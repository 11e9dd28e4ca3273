using PocketBaseSharp.RuleEngine.Requests;
using PocketBaseSharp.RuleEngine.Tests.Support;
using static PocketBaseSharp.RuleEngine.Tests.Support.SpecRequests;

namespace PocketBaseSharp.RuleEngine.Tests.Execution;

/// <summary>Beyond the spec table: null/empty, any vs all, nested relations, modifiers, @collection, dates, body values.</summary>
[Parallelizable(ParallelScope.None)]
public sealed class ExecutionTests
{
    private SpecDatabase _db = null!;

    [OneTimeSetUp]
    public void CreateDatabase() => _db = new SpecDatabase();

    [OneTimeTearDown]
    public void DropDatabase() => _db.Dispose();

    private static IEnumerable<TestCaseData> PostCases()
    {
        static TestCaseData Case(string filter, bool p1, bool p2) => new TestCaseData(filter, p1, p2).SetName($"Posts: {filter}");

        // null / empty
        yield return Case("meta = null", false, true);
        yield return Case("meta != null", true, false);
        yield return Case("author = ''", false, true);
        yield return Case("author != null", true, false);
        yield return Case("views != 10", false, true);
        yield return Case("views != null", true, true);
        yield return Case("title = status", false, false);
        yield return Case("title != status", true, true);
        yield return Case("null = ''", true, true);

        yield return Case("meta != ''", true, true);
        yield return Case("author:each = @request.auth.id", true, false);
        yield return Case("status:each = 'draft'", false, true);
        yield return Case("author:length = 1", true, false);
        yield return Case("status:length = 1", true, true);

        // LIKE
        yield return Case("title ~ 'HELLO'", true, false);
        yield return Case("title ~ '%'", true, true);
        yield return Case("title ~ 'H_llo%'", true, false);
        yield return Case("title !~ 'Hello'", false, true);
        yield return Case("status ~ 'lish'", true, false);
        yield return Case("title ~ status", false, false);
        yield return Case("'published draft' ~ status", true, true);
        yield return Case("title ~ null", false, false); // NULL is no pattern: LIKE ('%' || NULL || '%'), as upstream
        yield return Case("title !~ null", false, false);
        yield return Case("title ~ @request.query.missing", false, false);
        yield return Case("title ~ ''", true, true);
        yield return Case("'is true' ~ @request.auth.verified", true, true); // a bound bool is the text "true", as upstream
        yield return Case("'1' ~ @request.auth.verified", false, false);
        yield return Case("'a1' ~ true && 'b0' ~ false", true, true); // the keywords are 1 and 0

        // any vs all on multiple values
        yield return Case("views ?> 5", true, false);
        yield return Case("tags:each ~ 'ne'", false, false);
        yield return Case("tags:each ?~ 'ne'", true, false);
        yield return Case("tags:each !~ 'spam'", true, false); // NULL NOT LIKE … is NULL: no vacuous truth for LIKE
        yield return Case("tags:each ?!= 'news'", true, true);
        yield return Case("editors.name ?= 'Bob'", true, false);
        yield return Case("editors.name = 'Bob'", false, false);
        yield return Case("editors.name != 'Carol'", true, true);
        yield return Case("editors.verified ?= false", true, false);
        yield return Case("editors.verified = false", false, false);
        yield return Case("editors:length = 0", false, true);
        yield return Case("editors.name:lower ?= 'bob'", true, false);
        yield return Case("editors.role ?= 'editor' && editors.role ?= 'viewer'", false, false); // one shared join row, like @collection
        yield return Case("editors.role ?= 'editor' && editors.name ?= 'Alice'", true, false);
        // ":each" on a multiple relation reads the same item row as a hop through it (upstream: one json_each alias)
        yield return Case("editors:each ?= @request.auth.id && editors.name ?= 'Bob'", false, false);
        yield return Case("editors:each ?!= @request.auth.id && editors.name ?= 'Bob'", true, false);
        // both sides multi-valued: every pair of the two value lists must satisfy plain operators (as upstream)
        yield return Case("editors.id = editors.id", false, true);
        yield return Case("editors.id ?= editors.id", true, true);
        yield return Case("editors.name != comments_via_post.user.name", false, false);
        yield return Case("editors.name ?!= comments_via_post.user.name", true, false);
        yield return Case("comments_via_post.id ?!= ''", true, false);
        yield return Case("comments_via_post.user.name ?= 'Bob'", true, false);
        yield return Case("comments_via_post.user.name != 'Carol'", true, true);
        yield return Case("comments_via_post.user.verified = true", false, false);

        // single relations and modifiers through them
        yield return Case("author.name:lower = 'alice'", true, false);
        yield return Case("author.role = 'editor' && author.verified = true", true, false);
        yield return Case("author.name = null", false, true);
        yield return Case("author.created < created", true, false);

        // @collection: one join per name, independent joins per alias
        yield return Case("@collection.users.name ?= 'Alice' && @collection.users.name ?= 'Bob'", false, false);
        yield return Case("@collection.users:a.name ?= 'Alice' && @collection.users:b.name ?= 'Bob'", true, true);
        yield return Case("@collection.users.id ?= author", true, false);
        yield return Case("@collection.comments.user.name ?= 'Bob'", true, true);
        yield return Case("@collection.users.name != 'Carol'", true, true);

        // dates and macros (now is 2025-06-15 12:30:45.123Z, a Sunday)
        yield return Case("created >= @yearStart", false, false);
        yield return Case("created < @todayStart", true, true);
        yield return Case("created < @yesterday && created > '2023-12-31 22:00:00.000Z'", true, true);
        yield return Case("@year = 2025 && @month = 6 && @day = 15 && @weekday = 0", true, true);
        yield return Case("@hour = 12 && @minute = 30 && @second = 45", true, true);
        yield return Case("@monthEnd = '2025-06-30 23:59:59.999Z' && @yearEnd > @monthEnd", true, true);
        yield return Case("strftime('%m', created) = '12'", false, true);
        yield return Case("strftime('%Y-%m-%d', created, '+1 day') = '2024-01-01'", false, true);

        // JSON paths and geo
        yield return Case("meta.a.b > 4", true, false);
        yield return Case("meta.flags.0 = 1 && meta.flags.5 = null", true, false);
        yield return Case("location.lat > 40", true, false);
        yield return Case("geoDistance(location.lon, location.lat, 0, 0) < 1", false, true);
        yield return Case("geoDistance(location.lon, location.lat, 23.3219, 42.6977) < 0.001", true, false);

        // request values
        yield return Case("@request.auth.name = 'Alice'", true, true);
        yield return Case("@request.auth.name:lower = 'alice'", true, true);
        yield return Case("@request.auth.role = author.role", true, false);
        yield return Case("@request.auth.id ?= editors.id", true, false);
        yield return Case("@request.headers.missing:isset = false", true, true);
        yield return Case("@request.query.lang:lower ~ 'E'", true, true);

        // grouping
        yield return Case("(views > 5 || views = 0) && (title = '' || status = 'published')", true, true);
        yield return Case("views > 5 && (title = '' || status = 'draft')", false, false);
        yield return Case("((views = 0))", false, true);
    }

    [TestCaseSource(nameof(PostCases))]
    public void Filter_OnPosts_MatchesExpectedRows(string filter, bool p1, bool p2)
    {
        var expected = new[] { (p1, P1), (p2, P2) }.Where(x => x.Item1).Select(x => x.Item2);
        Assert.That(_db.MatchingPosts(filter, AsU1), Is.EqualTo(expected));
    }

    [TestCase("post.title = 'Hello World'", true, true)]
    [TestCase("post.author.name = 'Alice'", true, true)]
    [TestCase("post.editors.name ?= 'Bob'", true, true)]
    [TestCase("post.tags:length = 2", true, true)]
    [TestCase("user.name = 'Alice'", true, false)]
    [TestCase("user = @request.auth.id", true, false)]
    [TestCase("user.verified = true || post.author = user", true, false)]
    [TestCase("post.comments_via_post.user ?= @request.auth.id", true, true)]
    [TestCase("post.author = user", true, false)]
    [TestCase("user.email:lower ~ 'BOB@'", false, true)]
    public void Filter_OnComments_FollowsRelations(string filter, bool c1, bool c2)
    {
        var expected = new[] { (c1, "c1aaaaaaaaaaaaa"), (c2, "c2bbbbbbbbbbbbb") }.Where(x => x.Item1).Select(x => x.Item2);
        Assert.That(_db.MatchingComments(filter, AsU1), Is.EqualTo(expected));
    }

    private static readonly RequestInfo Create = AsU1 with
    {
        Method = "POST",
        Body = new Dictionary<string, object?>
        {
            ["title"] = "New",
            ["views"] = "42",
            ["author"] = U2,
            ["editors"] = new List<object?> { U1, U2 },
            ["tags"] = new List<object?> { "a", "b" },
            ["meta"] = new Dictionary<string, object?> { ["x"] = new Dictionary<string, object?> { ["y"] = 3 } },
        },
    };

    [TestCase("@request.body.title = 'New'", true)]
    [TestCase("@request.body.title:isset = true && @request.body.status:isset = false", true)]
    [TestCase("@request.body.views = 42", true)]
    [TestCase("@request.body.views > 41.5", true)]
    [TestCase("@request.body.author = @request.auth.id", false)]
    [TestCase("@request.body.author.name = 'Bob'", true)]
    [TestCase("@request.body.editors.name ?= 'Alice'", true)]
    [TestCase("@request.body.editors.name = 'Alice'", false)]
    [TestCase("@request.body.editors.verified ?= false", true)]
    [TestCase("@request.body.tags:length = 2", true)]
    [TestCase("@request.body.tags:each ?= 'b'", true)]
    [TestCase("@request.body.tags:each = 'b'", false)]
    [TestCase("@request.body.tags:each != 'c'", true)]
    [TestCase("@request.body.tags ~ '\"a\"'", true)]
    [TestCase("@request.body.meta.x.y = 3", true)]
    [TestCase("@request.body.meta.x.z = null", true)]
    [TestCase("@request.body.title:lower = 'new'", true)]
    public void Filter_WithBody_ReadsSubmittedValues(string filter, bool matches) =>
        Assert.That(_db.MatchingPosts(filter, Create), Is.EqualTo(matches ? new[] { P1, P2 } : Array.Empty<string>()));

    // :each on a single field's body value iterates without "all" semantics, as upstream.
    [TestCase("@request.body.status:each = 'a'", true)]
    [TestCase("@request.body.status:each ?= 'b'", true)]
    [TestCase("@request.body.tags:each = 'a'", false)]
    public void Filter_WithBody_EachOnSingleField_IsAny(string filter, bool matches)
    {
        var request = AsU1 with
        {
            Body = new Dictionary<string, object?> { ["status"] = new List<object?> { "a", "b" }, ["tags"] = new List<object?> { "a", "b" } },
        };
        Assert.That(_db.MatchingPosts(filter, request), Is.EqualTo(matches ? new[] { P1, P2 } : Array.Empty<string>()));
    }

    // Upstream converts a number field's submitted text only when it parses as a number: an empty form
    // input stays "" (empty, so not equal to 0) and other text stays text.
    [TestCase("", "@request.body.views = ''", true)]
    [TestCase("", "@request.body.views = 0", false)]
    [TestCase("", "@request.body.views:isset = true && @request.body.views = null", true)]
    [TestCase("abc", "@request.body.views = 'abc'", true)]
    [TestCase("abc", "@request.body.views = 0", false)]
    [TestCase("-1.5e1", "@request.body.views = -15", true)]
    [TestCase(" 7", "@request.body.views = 7", false)]
    public void Filter_WithBody_NumberFieldText_IsConvertedOnlyWhenNumeric(string submitted, string filter, bool matches) =>
        Assert.That(_db.MatchingPosts(filter, AsU1 with { Body = new Dictionary<string, object?> { ["views"] = submitted } }),
            Is.EqualTo(matches ? new[] { P1, P2 } : Array.Empty<string>()));

    [TestCase("title", "Hello World", false, true)]
    [TestCase("title", "New", true, true)]
    [TestCase("views", 10d, false, true)]
    [TestCase("views", "10", false, true)]
    [TestCase("published", true, false, true)]
    public void Filter_BodyChanged_ComparesWithTheStoredRow(string field, object submitted, bool p1Changed, bool p2Changed)
    {
        var request = AsU1 with { Method = "PATCH", Body = new Dictionary<string, object?> { [field] = submitted } };
        var expected = new[] { (p1Changed, P1), (p2Changed, P2) }.Where(x => x.Item1).Select(x => x.Item2);
        Assert.That(_db.MatchingPosts($"@request.body.{field}:changed = true", request), Is.EqualTo(expected));
    }

    [Test]
    public void Filter_BodyNotSubmitted_IsUnchanged() =>
        Assert.That(_db.MatchingPosts("@request.body.title:changed = false", AsU1), Is.EqualTo(new[] { P1, P2 }));

    [Test]
    public void CreateRule_RunsAgainstACteNamedLikeTheCollection()
    {
        // The server checks a create rule on the record about to be saved, wrapped in a one-row CTE.
        var ctx = new Sql.SqlQueryContext("posts");
        var rule = _db.Compiler.CompileFilter(
            "@request.auth.id != '' && author = @request.auth.id && editors.id ?= @request.auth.id && tags:each != 'spam' && title != ''",
            _db.Schema.Posts, AsU1, ctx, FilterAccess.Rule);
        const string cte = """
            WITH "posts" AS (SELECT 'newrecord000001' AS "id", 'Draft' AS "title", '' AS "status", '["x","y"]' AS "tags", 0 AS "views",
              0 AS "published", @new_author AS "author", '["u1aaaaaaaaaaaaa"]' AS "editors", NULL AS "meta", '{"lon":0,"lat":0}' AS "location",
              '' AS "secret", '' AS "created")
            """;
        string[] Run(string author) => _db.Query(ctx, rule, "1", cte: cte, extraParameters: new Dictionary<string, object?> { ["new_author"] = author });

        Assert.Multiple(() =>
        {
            Assert.That(Run(U1), Is.EqualTo(new[] { "newrecord000001" }));
            Assert.That(Run(U2), Is.Empty);
        });
    }

    // §4.3: a value without an unescaped % is escaped and wrapped; as upstream, a backslash that already
    // escapes \, % or _ is kept, so '50\% off' means the literal text "50% off".
    [TestCase(@"title ~ '50\% off'", true)]
    [TestCase(@"title ~ 'off\_now'", true)]
    [TestCase(@"title ~ 'off_now'", true)]
    [TestCase(@"title ~ 'of__now'", false)]
    [TestCase(@"title ~ 'C:\dir'", true)]
    [TestCase(@"title ~ 'C:\\dir'", true)]
    [TestCase(@"title ~ '50%off%'", true)]
    [TestCase(@"title ~ '5_\% off'", false)]
    public void Like_EscapedCharacters_StayEscaped(string filter, bool matchesP2)
    {
        using var db = new SpecDatabase();
        db.Execute(@"UPDATE ""posts"" SET ""title"" = '50% off_now C:\dir' WHERE ""id"" = 'p2bbbbbbbbbbbbb'");
        Assert.That(db.MatchingPosts(filter, AsU1), Is.EqualTo(matchesP2 ? new[] { P2 } : Array.Empty<string>()));
    }

    // A json/geoPoint column holding text that is not JSON (e.g. kept from before the field became
    // json) is read as a JSON string, as upstream's JSONExtract does, instead of failing the query.
    [Test]
    public void JsonField_HoldingNonJsonText_ComparesAsText()
    {
        using var db = new SpecDatabase();
        db.Execute("UPDATE \"posts\" SET \"meta\" = 'plain', \"location\" = '' WHERE \"id\" = 'p2bbbbbbbbbbbbb'");
        Assert.Multiple(() =>
        {
            Assert.That(db.MatchingPosts("meta = 'plain'", AsU1), Is.EqualTo(new[] { P2 }));
            Assert.That(db.MatchingPosts("meta.a.b = null", AsU1), Is.EqualTo(new[] { P2 }));
            Assert.That(db.MatchingPosts("location.lat > 40", AsU1), Is.EqualTo(new[] { P1 }));
            Assert.That(db.MatchingPosts("meta.a.b = 5", AsU1), Is.EqualTo(new[] { P1 }));
        });
    }

    [Test]
    public void ViewRule_ChecksOneStoredRecord()
    {
        var ctx = new Sql.SqlQueryContext("posts");
        var rule = _db.Compiler.CompileFilter("editors.id ?= @request.auth.id || author = @request.auth.id", _db.Schema.Posts, AsU1 with { Auth = AsU1.Auth! with { Id = U2 } }, ctx, FilterAccess.Rule);
        Assert.Multiple(() =>
        {
            Assert.That(_db.Query(ctx, $"\"posts\".\"id\" = '{P1}' AND {rule}", "1"), Is.EqualTo(new[] { P1 }));
            Assert.That(_db.Query(ctx, $"\"posts\".\"id\" = '{P2}' AND {rule}", "1"), Is.Empty);
        });
    }

    [Test]
    public void Filter_RuleAndClientFilter_ShareOneContext()
    {
        var ctx = new Sql.SqlQueryContext("posts");
        var rule = _db.Compiler.CompileFilter("editors.id ?= @request.auth.id", _db.Schema.Posts, AsU1, ctx, FilterAccess.Rule);
        var filter = _db.Compiler.CompileFilter("editors.name ?= 'Alice' && views > 1", _db.Schema.Posts, AsU1, ctx, FilterAccess.ClientFilter);
        Assert.Multiple(() =>
        {
            Assert.That(ctx.Joins, Has.Count.EqualTo(2), "both reuse the editors joins");
            Assert.That(_db.Query(ctx, $"{rule} AND {filter}", "\"posts\".\"id\""), Is.EqualTo(new[] { P1 }));
        });
    }
}
