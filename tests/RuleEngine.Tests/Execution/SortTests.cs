using PocketBaseSharp.RuleEngine.Sql;
using PocketBaseSharp.RuleEngine.Tests.Support;
using static PocketBaseSharp.RuleEngine.Tests.Support.SpecRequests;

namespace PocketBaseSharp.RuleEngine.Tests.Execution;

[Parallelizable(ParallelScope.None)]
public sealed class SortTests
{
    private SpecDatabase _db = null!;

    [OneTimeSetUp]
    public void CreateDatabase() => _db = new SpecDatabase();

    [OneTimeTearDown]
    public void DropDatabase() => _db.Dispose();

    private static IReadOnlyList<string> CompileSort(string sort, FilterAccess access = FilterAccess.Rule, TestSchema? schema = null)
    {
        schema ??= new TestSchema();
        return new RuleCompiler(schema, SqliteDialect.Instance).CompileSort(sort, schema.Posts, AsU1, new SqlQueryContext("posts"), access);
    }

    [TestCase("-created,title", new[] { "\"posts\".\"created\" DESC", "\"posts\".\"title\" ASC" })]
    [TestCase("+views", new[] { "\"posts\".\"views\" ASC" })]
    [TestCase("@random", new[] { "RANDOM() ASC" })]
    [TestCase("-@rowid", new[] { "\"posts\".\"_rowid_\" DESC" })]
    [TestCase("author.name", new[] { "\"posts__author\".\"name\" ASC" })]
    [TestCase("meta.a.b", new[] { "(CASE WHEN json_valid(\"posts\".\"meta\") THEN JSON_EXTRACT(\"posts\".\"meta\", '$.a.b') ELSE JSON_EXTRACT(json_object('pb', \"posts\".\"meta\"), '$.pb.a.b') END) ASC" })]
    [TestCase(" -created , , title ", new[] { "\"posts\".\"created\" DESC", "\"posts\".\"title\" ASC" })]
    [TestCase("title:lower", new[] { "LOWER(\"posts\".\"title\") ASC" })]
    [TestCase("", new string[0])]
    public void CompileSort_WritesOrderByItems(string sort, string[] expected) =>
        Assert.That(CompileSort(sort), Is.EqualTo(expected));

    [Test]
    public void CompileSort_RelatedListRule_HidesInvisibleValues() =>
        Assert.That(CompileSort("author.name", FilterAccess.ClientFilter, new TestSchema(usersListRule: "id = @request.auth.id")),
            Is.EqualTo(new[] { "(CASE WHEN (\"posts__author\".\"id\" = '' OR \"posts__author\".\"id\" IS NULL OR \"posts__author\".\"id\" = @p0) THEN \"posts__author\".\"name\" END) ASC" }));

    [TestCase("-created", new[] { P1, P2 })]
    [TestCase("created", new[] { P2, P1 })]
    [TestCase("title", new[] { P2, P1 })]
    [TestCase("-views", new[] { P1, P2 })]
    [TestCase("author.name", new[] { P2, P1 })]
    [TestCase("-author.name", new[] { P1, P2 })]
    [TestCase("-meta.a.b", new[] { P1, P2 })]
    [TestCase("-@rowid", new[] { P2, P1 })]
    [TestCase("@rowid", new[] { P1, P2 })]
    [TestCase("published,-views", new[] { P2, P1 })]
    [TestCase("-location.lat", new[] { P1, P2 })]
    public void CompileSort_OrdersRows(string sort, string[] expected) =>
        Assert.That(_db.SortedPosts(sort, AsU1), Is.EqualTo(expected));

    [Test]
    public void CompileSort_RelationPath_AddsItsJoin()
    {
        var schema = new TestSchema();
        var ctx = new SqlQueryContext("posts");
        new RuleCompiler(schema, SqliteDialect.Instance).CompileSort("editors.name,author.name", schema.Posts, AsU1, ctx, FilterAccess.ClientFilter);
        Assert.That((ctx.Joins.Select(j => j.Alias), ctx.NeedsDistinct), Is.EqualTo((new[] { "\"posts__editors__ids\"", "\"posts__editors\"", "\"posts__author\"" }, true)));
    }

    [Test]
    public void Sort_RequestReferenceByClient_IsForbidden() =>
        Assert.That(ClientFilterGuard.ForbiddenReference("@request.auth.id"), Is.EqualTo("Only superusers can filter by @request."));

    [Test]
    public void CompileSort_Random_KeepsAllRows() =>
        Assert.That(_db.SortedPosts("@random", AsU1), Is.EquivalentTo(new[] { P1, P2 }));

    [TestCase("unknown", "unknown field 'unknown' in collection 'posts'")]
    [TestCase("@request.auth.id", "cannot sort by '@request.auth.id': it is not a field")]
    [TestCase("@request.query.missing", "cannot sort by '@request.query.missing': it is not a field")]
    [TestCase("true", "cannot sort by 'true': it is not a field")]
    [TestCase("a,b,c,d,e,f,g,h,i", "at most 8 sort items are allowed")]
    public void CompileSort_Invalid_ThrowsBindError(string sort, string message)
    {
        var error = Assert.Throws<FilterBindException>(() => CompileSort(sort));
        Assert.That(error.Message, Is.EqualTo(message));
    }

    [Test]
    public void CompileSort_HiddenFieldByClient_IsRejected() =>
        Assert.Throws<FilterBindException>(() => CompileSort("secret", FilterAccess.ClientFilter));

    [Test]
    public void CompileSort_TooLongItem_IsRejected() =>
        Assert.Throws<FilterBindException>(() => CompileSort("a" + new string('b', 255)));
}
