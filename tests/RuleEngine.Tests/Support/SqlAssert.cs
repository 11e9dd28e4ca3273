using PocketBaseSharp.RuleEngine.Requests;
using PocketBaseSharp.RuleEngine.Sql;

namespace PocketBaseSharp.RuleEngine.Tests.Support;

/// <summary>Compiles against the §8 schema and returns SQL, joins and parameters for golden assertions.</summary>
public static class Compile
{
    public static (string Where, string Joins, string Parameters, bool Distinct) Filter(
        string filter, RequestInfo? request = null, FilterAccess access = FilterAccess.Rule, TestSchema? schema = null)
    {
        schema ??= new TestSchema();
        var ctx = new SqlQueryContext("posts");
        var where = new RuleCompiler(schema, SqliteDialect.Instance).CompileFilter(filter, schema.Posts, request ?? SpecRequests.AsU1, ctx, access);
        return (where, string.Join(" ", ctx.Joins.Select(j => j.ToSql())), Describe(ctx), ctx.NeedsDistinct);
    }

    public static string Describe(SqlQueryContext ctx) =>
        string.Join(", ", ctx.Parameters.Select(p => $"{p.Key}={Format(p.Value)}"));

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        string text => "'" + text + "'",
        bool flag => flag ? "true" : "false",
        double number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
