using PocketBaseSharp.RuleEngine.Sql;

namespace PocketBaseSharp.RuleEngine.Tests.Compilation;

public sealed class SqlQueryContextTests
{
    [Test]
    public void AddJoin_DeduplicatesByAlias()
    {
        var ctx = new SqlQueryContext("posts");
        ctx.AddJoin(new SqlJoin("\"users\"", "\"a\"", "x"), multipliesRows: false);
        ctx.AddJoin(new SqlJoin("\"users\"", "\"a\"", "y"), multipliesRows: true);
        Assert.That((ctx.Joins.Count, ctx.NeedsDistinct), Is.EqualTo((1, false)));
    }

    [Test]
    public void AddParameter_NamesSequentially()
    {
        var ctx = new SqlQueryContext("posts");
        Assert.That(new[] { ctx.AddParameter("a"), ctx.AddParameter(null), ctx.AddParameter(1d) }, Is.EqualTo(new[] { "p0", "p1", "p2" }));
    }

    [TestCase(null, "LEFT JOIN t a")]
    [TestCase("a.id = b.x", "LEFT JOIN t a ON a.id = b.x")]
    public void SqlJoin_ToSql(string? on, string sql) =>
        Assert.That(new SqlJoin("t", "a", on).ToSql(), Is.EqualTo(sql));

    [Test]
    public void CompileFilter_UniqueBackRelation_IsSingleValued()
    {
        var schema = new Support.TestSchema();
        var unique = schema.Comments with { Fields = [.. schema.Comments.Fields.Select(f => f.Name == "post" ? f with { Unique = true } : f)] };
        var lookup = new UniqueCommentsLookup(schema, unique);
        var ctx = new SqlQueryContext("posts");
        var sql = new RuleCompiler(lookup, SqliteDialect.Instance).CompileFilter("comments_via_post.user = 'x'", schema.Posts, Support.SpecRequests.AsU1, ctx, FilterAccess.Rule);
        Assert.That((sql, ctx.NeedsDistinct), Is.EqualTo(("(\"posts__comments_via_post\".\"user\" = @p0)", false)));
    }

    private sealed class UniqueCommentsLookup(Support.TestSchema schema, Schema.CollectionSchema comments) : Schema.ISchemaLookup
    {
        public Schema.CollectionSchema? FindCollection(string nameOrId) =>
            nameOrId is "comments" or "pbc_comments" ? comments : schema.FindCollection(nameOrId);
    }
}
