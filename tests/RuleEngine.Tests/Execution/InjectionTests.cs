using PocketBaseSharp.RuleEngine.Sql;
using PocketBaseSharp.RuleEngine.Tests.Support;

namespace PocketBaseSharp.RuleEngine.Tests.Execution;

/// <summary>Values never reach the SQL text: hostile literals are parameters and match only themselves.</summary>
[Parallelizable(ParallelScope.None)]
public sealed class InjectionTests
{
    private static readonly string[] Payloads =
    [
        "x' OR 1=1 --",
        "x\" OR \"1\"=\"1",
        "'; DROP TABLE posts; --",
        "%' OR '%'='",
        "\\' OR 1=1 /*",
        "Hello World' OR 'a'='a",
        ") OR (1=1",
    ];

    [TestCaseSource(nameof(Payloads))]
    public void Filter_HostileText_IsBoundAndMatchesNothing(string payload)
    {
        using var db = new SpecDatabase();
        var literal = "\"" + payload.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        foreach (var filter in new[] { $"title = {literal}", $"title ~ {literal}", $"author.name = {literal}", $"editors.name ?= {literal}", $"meta.a = {literal}" })
        {
            var ctx = new SqlQueryContext("posts");
            var sql = db.Compiler.CompileFilter(filter, db.Schema.Posts, SpecRequests.AsU1, ctx, FilterAccess.ClientFilter);
            Assert.Multiple(() =>
            {
                Assert.That(sql, Does.Not.Contain(payload), filter);
                Assert.That(db.Query(ctx, sql, "1"), Is.Empty, filter);
            });
        }

        Assert.That(db.MatchingPosts("views >= 0", SpecRequests.AsU1), Has.Length.EqualTo(2), "the table is intact");
    }

    [Test]
    public void Filter_HostileRequestValues_AreBound()
    {
        const string payload = "' OR 1=1 --";
        using var db = new SpecDatabase();
        var request = SpecRequests.AsU1 with
        {
            Query = new Dictionary<string, string> { ["q"] = payload },
            Headers = new Dictionary<string, string> { ["h"] = payload },
            Body = new Dictionary<string, object?> { ["title"] = payload, ["author"] = payload },
        };
        var ctx = new SqlQueryContext("posts");
        var sql = db.Compiler.CompileFilter("title = @request.query.q || title = @request.headers.h || title = @request.body.title || @request.body.author.name = 'x'", db.Schema.Posts, request, ctx, FilterAccess.Rule);
        Assert.Multiple(() =>
        {
            Assert.That(sql + string.Concat(ctx.Joins.Select(j => j.ToSql())), Does.Not.Contain(payload));
            Assert.That(db.Query(ctx, sql, "1"), Is.Empty);
        });
    }

    [Test]
    public void Filter_ExactHostileValue_MatchesOnlyItself()
    {
        using var db = new SpecDatabase();
        db.Execute("UPDATE posts SET title = 'x'' OR 1=1 --' WHERE id = 'p2bbbbbbbbbbbbb'");
        Assert.That(db.MatchingPosts("title = \"x' OR 1=1 --\"", SpecRequests.AsU1), Is.EqualTo(new[] { SpecRequests.P2 }));
    }
}
