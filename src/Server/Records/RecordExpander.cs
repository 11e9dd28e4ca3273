using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.RuleEngine;
using PocketBaseSharp.RuleEngine.Requests;
using PocketBaseSharp.RuleEngine.Sql;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Collections;

namespace PocketBaseSharp.Server.Records;

/// <summary>
/// Serialises records with <c>?expand=</c>: relation fields and <c>{collection}_via_{field}</c>
/// back-relations, nested up to 6 levels, each related record filtered by its collection's
/// viewRule for the requester (context <c>expand</c>). Unknown paths are ignored.
/// </summary>
public sealed class RecordExpander(CollectionStore collections, RecordRules rules)
{
    public const int MaxDepth = 6;

    private sealed class PathNode
    {
        public Dictionary<string, PathNode> Children { get; } = new(StringComparer.Ordinal);
    }

    public async Task<List<JsonObject>> SerializeAsync(SqliteConnection db, SqliteTransaction? tx, IReadOnlyList<Record> records, string? expand, RequestAuthState auth, RequestInfo request, bool showEmail = false)
    {
        var tree = Parse(expand);
        var result = new List<JsonObject>();
        foreach (var record in records)
        {
            result.Add(await SerializeOneAsync(db, tx, record, tree, auth, request with { Context = "expand" }, showEmail));
        }

        return result;
    }

    private async Task<JsonObject> SerializeOneAsync(SqliteConnection db, SqliteTransaction? tx, Record record, PathNode? tree, RequestAuthState auth, RequestInfo expandRequest, bool showEmail)
    {
        showEmail = showEmail || await CanManageAsync(db, tx, record, auth, expandRequest);
        if (tree is null || tree.Children.Count == 0)
        {
            return RecordSerializer.ToJson(record, auth, showEmail);
        }

        var expand = new JsonObject();
        foreach (var (key, sub) in tree.Children)
        {
            var (related, single) = await LoadRelatedAsync(db, tx, record, key, auth, expandRequest);
            if (related.Count == 0)
            {
                continue;
            }

            var items = new List<JsonObject>();
            foreach (var r in related)
            {
                items.Add(await SerializeOneAsync(db, tx, r, sub, auth, expandRequest, false));
            }

            expand[key] = single ? items[0] : new JsonArray([.. items]);
        }

        return RecordSerializer.ToJson(record, auth, showEmail, expand);
    }

    /// <summary>Callers passing an auth collection's manageRule for a record see its email, as upstream.</summary>
    private async Task<bool> CanManageAsync(SqliteConnection db, SqliteTransaction? tx, Record record, RequestAuthState auth, RequestInfo request)
    {
        var c = record.Collection;
        if (!c.IsAuth || auth.IsSuperuser || auth.Record is null || c.ManageRule is not { Length: > 0 } rule || record.GetBool("emailVisibility")
            || (auth.Record.Id == record.Id && auth.Record.Collection.Id == c.Id))
        {
            return false;
        }

        return await rules.CheckAsync(db, tx, c, record.Id, rule, request);
    }

    private async Task<(List<Record> Records, bool Single)> LoadRelatedAsync(SqliteConnection db, SqliteTransaction? tx, Record record, string key, RequestAuthState auth, RequestInfo request)
    {
        var field = record.Collection.FindField(key);
        if (field is { Type: "relation" })
        {
            var target = collections.Find(field.CollectionId);
            var ids = record.GetList(key);
            if (target is null || ids.Count == 0)
            {
                return ([], true);
            }

            var ctx = new SqlQueryContext(target.Name);
            var idList = string.Join(", ", ids.Select(id => "@" + ctx.AddParameter(id)));
            var found = await QueryVisibleAsync(db, tx, target, ctx, $"{TableSchema.Quote(target.Name)}.`id` IN ({idList})", auth, request);
            var ordered = ids.Select(id => found.Find(r => r.Id == id)).OfType<Record>().ToList();
            return (ordered, !field.IsMultiple);
        }

        var via = key.IndexOf("_via_", StringComparison.Ordinal);
        if (via <= 0)
        {
            return ([], true);
        }

        var source = collections.Find(key[..via]);
        var backField = source?.FindField(key[(via + 5)..]);
        if (source is null || backField is not { Type: "relation" } || backField.CollectionId != record.Collection.Id)
        {
            return ([], true);
        }

        var bctx = new SqlQueryContext(source.Name);
        var p = bctx.AddParameter(record.Id);
        var column = $"{TableSchema.Quote(source.Name)}.{TableSchema.Quote(backField.Name)}";
        var condition = backField.IsMultiple
            ? $"EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid({column}) THEN {column} ELSE json_array({column}) END) WHERE value = @{p})"
            : $"{column} = @{p}";
        var back = await QueryVisibleAsync(db, tx, source, bctx, condition, auth, request, limit: 1000);
        var unique = source.Indexes.Exists(i => IndexSql.IsUniqueOn(i, backField.Name));
        return (back, unique);
    }

    private async Task<List<Record>> QueryVisibleAsync(SqliteConnection db, SqliteTransaction? tx, Collection target, SqlQueryContext ctx, string condition, RequestAuthState auth, RequestInfo request, int limit = 0)
    {
        var where = condition;
        if (!auth.IsSuperuser)
        {
            if (target.ViewRule is null)
            {
                return [];
            }

            if (target.ViewRule.Trim().Length > 0)
            {
                where += " AND " + rules.Compile(target.ViewRule, target, request, ctx, FilterAccess.Rule);
            }
        }

        var table = TableSchema.Quote(target.Name);
        var sql = $"SELECT {(ctx.NeedsDistinct ? "DISTINCT " : "")}{table}.* FROM {table} {RecordRules.Joins(ctx)} WHERE {where}{(limit > 0 ? " LIMIT " + limit : "")}";
        return await RecordStore.QueryAsync(db, tx, target, sql, ctx.Parameters);
    }

    /// <summary>Comma-separated dotted paths; spaces removed, dots trimmed, depth capped.</summary>
    private static PathNode? Parse(string? expand)
    {
        if (string.IsNullOrWhiteSpace(expand))
        {
            return null;
        }

        var root = new PathNode();
        foreach (var raw in expand.Replace(" ", "", StringComparison.Ordinal).Split(','))
        {
            var path = raw.Trim('.');
            if (path.Length == 0)
            {
                continue;
            }

            var node = root;
            foreach (var part in path.Split('.').Take(MaxDepth))
            {
                node = node.Children.TryGetValue(part, out var child) ? child : node.Children[part] = new PathNode();
            }
        }

        return root;
    }
}
