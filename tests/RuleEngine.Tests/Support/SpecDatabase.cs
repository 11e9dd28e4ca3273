using Microsoft.Data.Sqlite;
using PocketBaseSharp.RuleEngine.Requests;
using PocketBaseSharp.RuleEngine.Sql;

namespace PocketBaseSharp.RuleEngine.Tests.Support;

/// <summary>
/// A real SQLite file in a temp folder holding the §8 data (U1, U2, P1, P2, C1, C2), stored the way
/// the server stores records: multi-valued fields as JSON array text, bools as 0/1, geoPoint as JSON.
/// </summary>
public sealed class SpecDatabase : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pbs-rule-" + Guid.NewGuid().ToString("N"));

    public SpecDatabase(TestSchema? schema = null)
    {
        Schema = schema ?? new TestSchema();
        Directory.CreateDirectory(_folder);
        Connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "data.db")};Pooling=False");
        Connection.Open();
        Execute(Ddl);
        Execute(Data);
    }

    public TestSchema Schema { get; }

    public SqliteConnection Connection { get; }

    public RuleCompiler Compiler => new(Schema, SqliteDialect.Instance);

    /// <summary>Ids of the posts matching <paramref name="filter"/> for <paramref name="request"/>, in id order.</summary>
    public string[] MatchingPosts(string filter, RequestInfo request, FilterAccess access = FilterAccess.Rule)
    {
        var ctx = new SqlQueryContext("posts");
        var where = Compiler.CompileFilter(filter, Schema.Posts, request, ctx, access);
        return Query(ctx, where, "\"posts\".\"id\" ASC");
    }

    /// <summary>Ids of all posts in the order <paramref name="sort"/> gives.</summary>
    public string[] SortedPosts(string sort, RequestInfo request, FilterAccess access = FilterAccess.Rule)
    {
        var ctx = new SqlQueryContext("posts");
        var order = Compiler.CompileSort(sort, Schema.Posts, request, ctx, access);
        return Query(ctx, "1 = 1", string.Join(", ", order));
    }

    /// <summary>Ids of the comments matching <paramref name="filter"/>, in id order.</summary>
    public string[] MatchingComments(string filter, RequestInfo request, FilterAccess access = FilterAccess.Rule)
    {
        var ctx = new SqlQueryContext("comments");
        var where = Compiler.CompileFilter(filter, Schema.Comments, request, ctx, access);
        return Query(ctx, where, "\"comments\".\"id\" ASC", "comments");
    }

    /// <summary>
    /// Runs <c>SELECT [DISTINCT] {table}.id FROM {table} {table} {joins} WHERE … ORDER BY …</c>, as the
    /// server does; <paramref name="cte"/> (a <c>WITH</c> clause) lets a create rule run against a new record.
    /// </summary>
    public string[] Query(SqlQueryContext ctx, string where, string orderBy, string table = "posts", string cte = "", IReadOnlyDictionary<string, object?>? extraParameters = null)
    {
        var joins = string.Concat(ctx.Joins.Select(j => " " + j.ToSql()));
        var select = ctx.NeedsDistinct ? "SELECT DISTINCT" : "SELECT";
        var sql = $"{cte}{select} \"{table}\".\"id\" FROM \"{table}\" \"{table}\"{joins} WHERE {where} ORDER BY {orderBy}";
        return SqliteIds.Query(Connection, sql, ctx.Parameters, extraParameters ?? new Dictionary<string, object?>());
    }

    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Connection.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private const string Ddl = """
        CREATE TABLE "users" ("id" TEXT PRIMARY KEY NOT NULL, "password" TEXT DEFAULT '' NOT NULL, "tokenKey" TEXT DEFAULT '' NOT NULL,
          "email" TEXT DEFAULT '' NOT NULL, "emailVisibility" BOOLEAN DEFAULT FALSE NOT NULL, "verified" BOOLEAN DEFAULT FALSE NOT NULL,
          "name" TEXT DEFAULT '' NOT NULL, "role" TEXT DEFAULT '' NOT NULL, "created" TEXT DEFAULT '' NOT NULL);
        CREATE TABLE "posts" ("id" TEXT PRIMARY KEY NOT NULL, "title" TEXT DEFAULT '' NOT NULL, "status" TEXT DEFAULT '' NOT NULL,
          "tags" JSON DEFAULT '[]' NOT NULL, "views" NUMERIC DEFAULT 0 NOT NULL, "published" BOOLEAN DEFAULT FALSE NOT NULL,
          "author" TEXT DEFAULT '' NOT NULL, "editors" JSON DEFAULT '[]' NOT NULL, "meta" JSON DEFAULT NULL,
          "location" JSON DEFAULT '{"lon":0,"lat":0}' NOT NULL, "secret" TEXT DEFAULT '' NOT NULL, "created" TEXT DEFAULT '' NOT NULL);
        CREATE TABLE "comments" ("id" TEXT PRIMARY KEY NOT NULL, "post" TEXT DEFAULT '' NOT NULL, "user" TEXT DEFAULT '' NOT NULL);
        """;

    private const string Data = """
        INSERT INTO "users" VALUES ('u1aaaaaaaaaaaaa', 'hash1', 'tk1', 'alice@example.com', 0, 1, 'Alice', 'editor', '2023-01-01 00:00:00.000Z');
        INSERT INTO "users" VALUES ('u2bbbbbbbbbbbbb', 'hash2', 'tk2', 'bob@example.com', 1, 0, 'Bob', 'viewer', '2023-02-01 00:00:00.000Z');
        INSERT INTO "posts" VALUES ('p1aaaaaaaaaaaaa', 'Hello World', 'published', '["news","tech"]', 10, 1, 'u1aaaaaaaaaaaaa',
          '["u1aaaaaaaaaaaaa","u2bbbbbbbbbbbbb"]', '{"a":{"b":5},"flags":[1,2]}', '{"lon":23.3219,"lat":42.6977}', 's1', '2024-01-02 10:00:00.000Z');
        INSERT INTO "posts" VALUES ('p2bbbbbbbbbbbbb', '', 'draft', '[]', 0, 0, '', '[]', NULL, '{"lon":0,"lat":0}', 's2', '2023-12-31 23:00:00.000Z');
        INSERT INTO "comments" VALUES ('c1aaaaaaaaaaaaa', 'p1aaaaaaaaaaaaa', 'u1aaaaaaaaaaaaa');
        INSERT INTO "comments" VALUES ('c2bbbbbbbbbbbbb', 'p1aaaaaaaaaaaaa', 'u2bbbbbbbbbbbbb');
        """;
}
