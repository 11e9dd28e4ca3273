using PocketBaseSharp.RuleEngine.Tests.Support;

namespace PocketBaseSharp.RuleEngine.Tests.Compilation;

/// <summary>The exact SQL and parameters for the shapes of rules-and-filters.md §3–§5.</summary>
public sealed class SqlGoldenTests
{
    // SqliteDialect.JsonExtract: non-JSON text is read as a JSON string (upstream's JSONExtract).
    private static string Json(string column, string path) =>
        $"(CASE WHEN json_valid(\"posts\".\"{column}\") THEN JSON_EXTRACT(\"posts\".\"{column}\", '${path}') "
        + $"ELSE JSON_EXTRACT(json_object('pb', \"posts\".\"{column}\"), '$.pb{path}') END)";

    private static IEnumerable<TestCaseData> Cases()
    {
        static TestCaseData Case(string filter, string where, string parameters) =>
            new TestCaseData(filter, where, parameters).SetName("Sql: " + filter);

        yield return Case("title = 'Hello World'", "(\"posts\".\"title\" = @p0)", "p0='Hello World'");
        yield return Case("title = ''", "((\"posts\".\"title\" = '' OR \"posts\".\"title\" IS NULL))", "");
        yield return Case("title = null", "((\"posts\".\"title\" = '' OR \"posts\".\"title\" IS NULL))", "");
        yield return Case("title != ''", "((\"posts\".\"title\" IS NOT '' AND \"posts\".\"title\" IS NOT NULL))", "");
        yield return Case("'' = title", "(('' = \"posts\".\"title\" OR \"posts\".\"title\" IS NULL))", "");
        yield return Case("null != title", "(('' IS NOT \"posts\".\"title\" AND \"posts\".\"title\" IS NOT NULL))", "");
        yield return Case("title = title", "(COALESCE(\"posts\".\"title\", '') = COALESCE(\"posts\".\"title\", ''))", "");
        yield return Case("title != status", "(COALESCE(\"posts\".\"title\", '') IS NOT COALESCE(\"posts\".\"status\", ''))", "");
        yield return Case("title != 'x'", "(\"posts\".\"title\" IS NOT @p0)", "p0='x'");
        yield return Case("'' = null", "('' = '')", "");
        yield return Case("'' != null", "('' IS NOT '')", "");
        yield return Case("true = true", "(1 = 1)", "");
        yield return Case("published = false", "(\"posts\".\"published\" = 0)", "");
        yield return Case("published != TRUE", "(\"posts\".\"published\" IS NOT 1)", "");
        yield return Case("views = 0", "(\"posts\".\"views\" = @p0)", "p0=0");
        yield return Case("views > -1.5", "(\"posts\".\"views\" > @p0)", "p0=-1.5");
        yield return Case("views >= 1 && views <= 2", "(\"posts\".\"views\" >= @p0 AND \"posts\".\"views\" <= @p1)", "p0=1, p1=2");
        yield return Case("views < 1 || views > 2", "(\"posts\".\"views\" < @p0 OR \"posts\".\"views\" > @p1)", "p0=1, p1=2");
        yield return Case("title = '' || status = 'published' && views > 100",
            "((\"posts\".\"title\" = '' OR \"posts\".\"title\" IS NULL) OR (\"posts\".\"status\" = @p0 AND \"posts\".\"views\" > @p1))", "p0='published', p1=100");
        yield return Case("title ~ 'world'", "(\"posts\".\"title\" LIKE @p0 ESCAPE '\\')", "p0='%world%'");
        yield return Case("title ~ 'Hel%'", "(\"posts\".\"title\" LIKE @p0 ESCAPE '\\')", "p0='Hel%'");
        yield return Case("title ~ 'o_W'", "(\"posts\".\"title\" LIKE @p0 ESCAPE '\\')", "p0='%o\\_W%'");
        yield return Case("title ~ '50\\%'", "(\"posts\".\"title\" LIKE @p0 ESCAPE '\\')", "p0='%50\\%%'");
        yield return Case("title !~ 'xyz'", "(\"posts\".\"title\" NOT LIKE @p0 ESCAPE '\\')", "p0='%xyz%'");
        yield return Case("title ~ status", "(\"posts\".\"title\" LIKE ('%' || \"posts\".\"status\" || '%') ESCAPE '\\')", "");
        yield return Case("title ~ 5", "(\"posts\".\"title\" LIKE @p0 ESCAPE '\\')", "p0='%5%'");
        yield return Case("title:lower = 'x'", "(LOWER(\"posts\".\"title\") = @p0)", "p0='x'");
        yield return Case("tags:length > 1", "((CASE WHEN \"posts\".\"tags\" IS NULL OR \"posts\".\"tags\" = '' OR \"posts\".\"tags\" = '[]' THEN 0 WHEN json_valid(\"posts\".\"tags\") AND json_type(\"posts\".\"tags\") = 'array' THEN json_array_length(\"posts\".\"tags\") ELSE 1 END) > @p0)", "p0=1");
        yield return Case("tags = 'news'", "(\"posts\".\"tags\" = @p0)", "p0='news'");
        yield return Case("tags ?= 'news'", "(\"posts\".\"tags\" = @p0)", "p0='news'");
        yield return Case("meta = null", "(" + Json("meta", "") + " IS NULL)", "");
        yield return Case("meta != 'x'", "(" + Json("meta", "") + " IS NOT @p0)", "p0='x'");
        yield return Case("title:each = 'x'", "(\"posts\".\"title\" = @p0)", "p0='x'");
        yield return Case("title:length = 'x'", "(\"posts\".\"title\" = @p0)", "p0='x'");
        yield return Case("status:each = 'x'",
            "(\"posts__status__ids\".\"value\" = @p0)", "p0='x'");
        yield return Case("meta.a.b = 5", "(" + Json("meta", ".a.b") + " IS @p0)", "p0=5");
        yield return Case("meta.flags.1 != 2", "(" + Json("meta", ".flags[1]") + " IS NOT @p0)", "p0=2");
        yield return Case("meta.missing = null", "(" + Json("meta", ".missing") + " IS NULL)", "");
        yield return Case("meta.missing = ''", "(" + Json("meta", ".missing") + " IS @p0)", "p0=''");
        yield return Case("meta.a.b:lower = 'x'", "(LOWER(" + Json("meta", ".a.b") + ") IS @p0)", "p0='x'");
        yield return Case("author = @request.auth.id", "(\"posts\".\"author\" = @p0)", "p0='u1aaaaaaaaaaaaa'");
        yield return Case("author.id = @request.auth.id", "(\"posts\".\"author\" = @p0)", "p0='u1aaaaaaaaaaaaa'");
        yield return Case("@request.auth.id != ''", "(@p0 IS NOT '')", "p0='u1aaaaaaaaaaaaa'");
        yield return Case("@request.auth.verified = true", "(@p0 = 1)", "p0=true");
        yield return Case("@request.auth.collectionId = 'x'", "(@p0 = @p1)", "p0='_pb_users_auth_', p1='x'");
        yield return Case("@request.method = 'GET'", "(@p0 = @p1)", "p0='GET', p1='GET'");
        yield return Case("@request.context = 'default'", "(@p0 = @p1)", "p0='default', p1='default'");
        yield return Case("@request.query.lang = 'en'", "(@p0 = @p1)", "p0='en', p1='en'");
        yield return Case("@request.query.missing = ''", "('' = '')", "");
        yield return Case("@request.query.lang:isset = true", "(1 = 1)", "");
        yield return Case("@request.query.missing:isset = true", "(0 = 1)", "");
        yield return Case("@request.headers.x_token = 'abc'", "(@p0 = @p1)", "p0='abc', p1='abc'");
        yield return Case("@request.headers.x_token:lower = 'abc'", "(@p0 = @p1)", "p0='abc', p1='abc'");
        yield return Case("@request.body.title:isset = false", "(0 = 0)", "");
        yield return Case("@request.body.title = null", "('' = '')", "");
        yield return Case("@request.body.tags:length = 0", "(@p0 = @p1)", "p0=0, p1=0");
        yield return Case("created < @now", "(\"posts\".\"created\" < @p0)", "p0='2025-06-15 12:30:45.123Z'");
        yield return Case("created >= @todayStart && created <= @todayEnd",
            "(\"posts\".\"created\" >= @p0 AND \"posts\".\"created\" <= @p1)", "p0='2025-06-15 00:00:00.000Z', p1='2025-06-15 23:59:59.999Z'");
        yield return Case("@weekday = 0", "(@p0 = @p1)", "p0=0, p1=0");
        yield return Case("strftime('%Y', created) = '2024'", "(strftime(@p0, \"posts\".\"created\") = @p1)", "p0='%Y', p1='2024'");
        yield return Case("strftime('%Y-%m', created, 'start of month', '+1 month') != ''",
            "((strftime(@p0, \"posts\".\"created\", @p1, @p2) IS NOT '' AND strftime(@p0, \"posts\".\"created\", @p1, @p2) IS NOT NULL))",
            "p0='%Y-%m', p1='start of month', p2='+1 month'");
        yield return Case("geoDistance(location.lon, location.lat, 23.32, 42.69) < 25",
            "((6371 * acos(cos(radians(" + Json("location", ".lat") + ")) * cos(radians(@p1)) * cos(radians(@p0) - radians(" + Json("location", ".lon") + ")) + sin(radians(" + Json("location", ".lat") + ")) * sin(radians(@p1)))) < @p2)",
            "p0=23.32, p1=42.69, p2=25");
        yield return Case("geoDistance(1, 2, 3, 4) = null",
            "((6371 * acos(cos(radians(@p1)) * cos(radians(@p3)) * cos(radians(@p2) - radians(@p0)) + sin(radians(@p1)) * sin(radians(@p3)))) IS NULL)",
            "p0=1, p1=2, p2=3, p3=4");
    }

    [TestCaseSource(nameof(Cases))]
    public void CompileFilter_WritesGoldenSql(string filter, string where, string parameters)
    {
        var result = Compile.Filter(filter);
        Assert.That((result.Where, result.Parameters), Is.EqualTo((where, parameters)));
    }

    [Test]
    public void CompileFilter_SingleRelation_JoinsWithoutDistinct()
    {
        var result = Compile.Filter("author.name = 'Alice'");
        Assert.That(result, Is.EqualTo((
            "(\"posts__author\".\"name\" = @p0)",
            "LEFT JOIN \"users\" \"posts__author\" ON \"posts__author\".\"id\" = \"posts\".\"author\"",
            "p0='Alice'",
            false)));
    }

    [Test]
    public void CompileFilter_MultipleRelationAnyOf_JoinsThroughJsonEach()
    {
        var result = Compile.Filter("editors.name ?~ 'bo'");
        Assert.That(result, Is.EqualTo((
            "(\"posts__editors\".\"name\" LIKE @p0 ESCAPE '\\')",
            "LEFT JOIN json_each(CASE WHEN json_valid(\"posts\".\"editors\") AND json_type(\"posts\".\"editors\") = 'array' THEN \"posts\".\"editors\" ELSE json_array(\"posts\".\"editors\") END) \"posts__editors__ids\""
            + " LEFT JOIN \"users\" \"posts__editors\" ON \"posts__editors\".\"id\" = \"posts__editors__ids\".\"value\"",
            "p0='%bo%'",
            true)));
    }

    [Test]
    public void CompileFilter_MultiplePathAllOf_AddsNotExistsOverASubqueryCopy()
    {
        var result = Compile.Filter("tags:each = 'news'");
        var each = "json_each(CASE WHEN json_valid(\"__mm_posts\".\"tags\") AND json_type(\"__mm_posts\".\"tags\") = 'array' THEN \"__mm_posts\".\"tags\" ELSE json_array(\"__mm_posts\".\"tags\") END)";
        Assert.That(result.Where, Is.EqualTo(
            "((\"posts__tags__ids\".\"value\" = @p0 AND NOT EXISTS (SELECT 1 FROM (SELECT \"__mm_posts__tags__ids\".\"value\" AS \"__v\" FROM \"posts\" \"__mm_posts\""
            + $" LEFT JOIN {each} \"__mm_posts__tags__ids\" WHERE \"__mm_posts\".\"id\" = \"posts\".\"id\") \"__sm\" WHERE NOT (\"__sm\".\"__v\" = @p1))))"));
        Assert.That(result.Parameters, Is.EqualTo("p0='news', p1='news'"));
    }

    [Test]
    public void CompileFilter_BackRelation_JoinsOnTheReferencingField()
    {
        var result = Compile.Filter("comments_via_post.user ?= 'u'");
        Assert.That((result.Joins, result.Distinct), Is.EqualTo((
            "LEFT JOIN \"comments\" \"posts__comments_via_post\" ON \"posts__comments_via_post\".\"post\" = \"posts\".\"id\"", true)));
    }

    [Test]
    public void CompileFilter_CollectionReferences_ShareOneJoinPerNameOrAlias()
    {
        var result = Compile.Filter("@collection.comments.post ?= id && @collection.comments.user ?= 'x' && @collection.comments:c2.user ?= 'y'");
        Assert.That(result.Joins, Is.EqualTo("LEFT JOIN \"comments\" \"__collection_comments\" LEFT JOIN \"comments\" \"__collection_alias_c2\""));
    }

    [Test]
    public void CompileFilter_AuthField_JoinsTheAuthRecordById()
    {
        var result = Compile.Filter("@request.auth.role = 'editor'");
        Assert.That(result, Is.EqualTo((
            "(\"__auth_users\".\"role\" = @p1)",
            "LEFT JOIN \"users\" \"__auth_users\" ON \"__auth_users\".\"id\" = @p0",
            "p0='u1aaaaaaaaaaaaa', p1='editor'",
            false)));
    }

    [Test]
    public void CompileFilter_AuthWithoutLogin_IsNull() =>
        Assert.That(Compile.Filter("@request.auth.role = 'editor'", SpecRequests.AsGuest).Where, Is.EqualTo("('' = @p0)"));

    [Test]
    public void CompileFilter_NestedRelations_ChainJoinAliases()
    {
        var schema = new TestSchema();
        var ctx = new Sql.SqlQueryContext("comments");
        var where = new RuleCompiler(schema, Sql.SqliteDialect.Instance).CompileFilter("post.author.name = 'Alice'", schema.Comments, SpecRequests.AsU1, ctx, FilterAccess.Rule);
        Assert.That(where, Is.EqualTo("(\"comments__post__author\".\"name\" = @p0)"));
        Assert.That(ctx.Joins.Select(j => j.ToSql()), Is.EqualTo(new[]
        {
            "LEFT JOIN \"posts\" \"comments__post\" ON \"comments__post\".\"id\" = \"comments\".\"post\"",
            "LEFT JOIN \"users\" \"comments__post__author\" ON \"comments__post__author\".\"id\" = \"comments__post\".\"author\"",
        }));
    }

    [Test]
    public void CompileFilter_BodyChanged_ComparesSubmittedWithStored()
    {
        var request = SpecRequests.AsU1 with { Body = new Dictionary<string, object?> { ["title"] = "new" } };
        Assert.That(Compile.Filter("@request.body.title:changed = false", request).Where,
            Is.EqualTo("((CASE WHEN @p0 IS NOT \"posts\".\"title\" THEN 1 ELSE 0 END) = 0)"));
    }

    [Test]
    public void CompileFilter_BodyNotSubmitted_IsNeverChanged() =>
        Assert.That(Compile.Filter("@request.body.title:changed = true").Where, Is.EqualTo("(0 = 1)"));
}
