using BenchmarkDotNet.Attributes;
using PocketBaseSharp.RuleEngine.Requests;
using PocketBaseSharp.RuleEngine.Sql;

namespace PocketBaseSharp.RuleEngine.Bench;

/// <summary>
/// Parse, and parse + bind + compile (the binder writes SQL as it resolves, so those two are one
/// step), each cold (nothing cached) and cached (the parsed tree comes from a warm cache).
/// </summary>
[MemoryDiagnoser]
public class RuleBenchmarks
{
    private readonly BenchSchema _schema = new();
    private readonly RequestInfo _request = new()
    {
        Auth = new RequestAuth("u1aaaaaaaaaaaaa", "users", "users", new Dictionary<string, object?>()),
    };

    private ParsedFilterCache _warmCache = null!;

    [Params(
        "@request.auth.id != ''",
        "author = @request.auth.id",
        "author.organization.name != 'test'",
        "type:each != 'c'",
        "author.permissions.active ?= true")]
    public string Rule { get; set; } = "";

    [GlobalSetup]
    public void WarmCache()
    {
        _warmCache = new ParsedFilterCache();
        _warmCache.GetOrParse(Rule);
    }

    [Benchmark(Description = "parse (cold)")]
    public object Parse() => FilterParser.Parse(Rule);

    [Benchmark(Description = "parse (cached)")]
    public object ParseCached() => _warmCache.GetOrParse(Rule);

    [Benchmark(Description = "parse+bind+compile (cold)")]
    public string CompileCold() =>
        new RuleCompiler(_schema, SqliteDialect.Instance, new ParsedFilterCache())
            .CompileFilter(Rule, _schema.Posts, _request, new SqlQueryContext("posts"), FilterAccess.Rule);

    [Benchmark(Description = "bind+compile (cached parse)")]
    public string CompileCached() =>
        new RuleCompiler(_schema, SqliteDialect.Instance, _warmCache)
            .CompileFilter(Rule, _schema.Posts, _request, new SqlQueryContext("posts"), FilterAccess.Rule);
}
