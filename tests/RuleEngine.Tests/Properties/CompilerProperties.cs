using FsCheck;
using FsCheck.Fluent;
using PocketBaseSharp.RuleEngine.Sql;
using PocketBaseSharp.RuleEngine.Tests.Support;

namespace PocketBaseSharp.RuleEngine.Tests.Properties;

[Parallelizable(ParallelScope.None)]
public sealed class CompilerProperties
{
    private SpecDatabase _db = null!;

    [OneTimeSetUp]
    public void CreateDatabase() => _db = new SpecDatabase();

    [OneTimeTearDown]
    public void DropDatabase() => _db.Dispose();

    [Test]
    public void CompiledSql_NeverContainsLiteralText() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(FilterGenerators.SchemaFilters, filter =>
        {
            var ctx = new SqlQueryContext("posts");
            var sql = _db.Compiler.CompileFilter(filter, _db.Schema.Posts, SpecRequests.AsU1, ctx, FilterAccess.Rule)
                + string.Concat(ctx.Joins.Select(j => j.ToSql()));
            return !sql.Contains(FilterGenerators.Marker, StringComparison.Ordinal) && !System.Text.RegularExpressions.Regex.IsMatch(sql, "9[1-9]{6}");
        }));

    [Test]
    public void CompiledSql_AlwaysRunsOnSqlite() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(FilterGenerators.SchemaFilters, filter =>
        {
            foreach (var access in new[] { FilterAccess.Rule, FilterAccess.ClientFilter })
            {
                var ctx = new SqlQueryContext("posts");
                string sql;
                try
                {
                    sql = _db.Compiler.CompileFilter(filter, _db.Schema.Posts, SpecRequests.AsU1, ctx, access);
                }
                catch (FilterBindException) when (access == FilterAccess.ClientFilter)
                {
                    continue;
                }

                Assert.That(_db.Query(ctx, sql, "1"), Has.Length.LessThanOrEqualTo(2), filter);
            }

            return true;
        }));
}
