using Microsoft.Data.Sqlite;
using PocketBaseSharp.RuleEngine;
using PocketBaseSharp.RuleEngine.Requests;
using PocketBaseSharp.RuleEngine.Sql;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Collections;

namespace PocketBaseSharp.Server.Records;

/// <summary>
/// API rules through the rule engine: builds <see cref="RequestInfo"/>, compiles rules and client
/// filters to SQL, and checks a rule for one record with
/// <c>SELECT 1 … WHERE id = @id AND (rule)</c>. Public so realtime checks exactly as REST does.
/// </summary>
public sealed class RecordRules(CollectionStore collections)
{
    private readonly RuleCompiler _compiler = new(collections, new SqliteDialect());

    public static RequestInfo BuildRequestInfo(HttpContext? http, RequestAuthState auth, IReadOnlyDictionary<string, object?>? body = null, string context = "default")
    {
        var record = auth.Record;
        return new RequestInfo
        {
            Method = http?.Request.Method ?? "GET",
            Context = context,
            Headers = http is null ? new Dictionary<string, string>() : http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant().Replace('-', '_'), h => h.Value.ToString()),
            Query = http is null ? new Dictionary<string, string>() : http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            Body = body ?? new Dictionary<string, object?>(),
            Auth = record is null ? null : new RequestAuth(record.Id, record.Collection.Id, record.Collection.Name, PlainValues(record)),
            IsSuperuser = auth.IsSuperuser,
        };
    }

    public static Dictionary<string, object?> PlainValues(Record record) => record.Values.ToDictionary(p => p.Key, p => p.Value switch
    {
        System.Text.Json.Nodes.JsonNode n => Json.ToPlain(n),
        List<string> l => l.Cast<object?>().ToList(),
        var v => v,
    });

    /// <summary>Compiles a rule or filter into <paramref name="ctx"/>; syntax or binding errors become 400.</summary>
    public string Compile(string expression, Collection collection, RequestInfo request, SqlQueryContext ctx, FilterAccess access)
    {
        try
        {
            return _compiler.CompileFilter(expression, CollectionStore.ToSchema(collection), request, ctx, access);
        }
        catch (FilterException)
        {
            throw ApiException.BadRequest();
        }
    }

    public IReadOnlyList<string> CompileSort(string sort, Collection collection, RequestInfo request, SqlQueryContext ctx, FilterAccess access)
    {
        try
        {
            return _compiler.CompileSort(sort, CollectionStore.ToSchema(collection), request, ctx, access);
        }
        catch (FilterException)
        {
            throw ApiException.BadRequest();
        }
    }

    /// <summary>
    /// True when <paramref name="rule"/> lets the request reach record <paramref name="id"/>:
    /// null = superusers only, "" = everyone, otherwise the compiled SQL must match the row.
    /// </summary>
    public async Task<bool> CheckAsync(SqliteConnection db, SqliteTransaction? tx, Collection collection, string id, string? rule, RequestInfo request)
    {
        if (request.IsSuperuser)
        {
            return true;
        }

        if (rule is null)
        {
            return false;
        }

        if (rule.Trim().Length == 0)
        {
            return true;
        }

        var ctx = new SqlQueryContext(collection.Name);
        var where = Compile(rule, collection, request, ctx, FilterAccess.Rule);
        var idParam = ctx.AddParameter(id);
        var sql = $"SELECT 1 FROM {TableSchema.Quote(collection.Name)} {Joins(ctx)} WHERE {TableSchema.Quote(collection.Name)}.`id` = @{idParam} AND {where} LIMIT 1";
        return await RecordStore.ScalarAsync(db, tx, sql, ctx.Parameters) is not null;
    }

    /// <summary>A create rule, checked against a one-row CTE named like the collection holding the new values.</summary>
    public async Task<bool> CheckCreateAsync(SqliteConnection db, SqliteTransaction? tx, Record record, RequestInfo request)
    {
        var collection = record.Collection;
        if (request.IsSuperuser || collection.CreateRule is { } r && r.Trim().Length == 0)
        {
            return true;
        }

        if (collection.CreateRule is null)
        {
            return false;
        }

        var ctx = new SqlQueryContext(collection.Name);
        var where = Compile(collection.CreateRule, collection, request, ctx, FilterAccess.Rule);
        var columns = collection.Fields.Select(f =>
        {
            var value = f.Name == "verified" && collection.IsAuth ? false : record.Values.GetValueOrDefault(f.Name);
            var name = ctx.AddParameter(value is null && f.Type == "json" ? null : RecordColumns.ToDb(f, value));
            return $"@{name} AS {TableSchema.Quote(f.Name)}";
        });
        var table = TableSchema.Quote(collection.Name);
        var sql = $"WITH {table} AS (SELECT {string.Join(", ", columns)}) SELECT 1 FROM {table} {Joins(ctx)} WHERE {where} LIMIT 1";
        return await RecordStore.ScalarAsync(db, tx, sql, ctx.Parameters) is not null;
    }

    public static string Joins(SqlQueryContext ctx) =>
        string.Join(" ", ctx.Joins.Select(j => $"LEFT JOIN {j.Table} {j.Alias} ON {j.On ?? "1=1"}"));
}
