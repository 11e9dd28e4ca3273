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

    /// <summary>Ids bound in one <c>IN (…)</c> of a level's query (SQLite allows 32,766 parameters).</summary>
    private const int MaxIdsPerQuery = 500;

    private sealed class PathNode
    {
        public Dictionary<string, PathNode> Children { get; } = new(StringComparer.Ordinal);
    }

    public async Task<List<JsonObject>> SerializeAsync(SqliteConnection db, SqliteTransaction? tx, IReadOnlyList<Record> records, string? expand, RequestAuthState auth, RequestInfo request, bool showEmail = false) =>
        await SerializeLevelAsync(db, tx, records, Parse(expand), auth, request with { Context = "expand" }, showEmail);

    /// <summary>
    /// Serialises one level of the expand tree for all its records at once: each relation key is
    /// loaded with one query for the whole level (not one per record), then the related records of
    /// every parent are serialised together as the next level.
    /// </summary>
    private async Task<List<JsonObject>> SerializeLevelAsync(SqliteConnection db, SqliteTransaction? tx, IReadOnlyList<Record> records, PathNode? tree, RequestAuthState auth, RequestInfo expandRequest, bool showEmail)
    {
        var expands = new JsonObject?[records.Count];
        if (tree is not null && tree.Children.Count > 0)
        {
            for (var i = 0; i < records.Count; i++)
            {
                expands[i] = new JsonObject();
            }

            foreach (var (key, sub) in tree.Children)
            {
                var related = await LoadRelatedAsync(db, tx, records, key, auth, expandRequest);
                var flat = related.SelectMany(r => r.Records).ToList();
                if (flat.Count == 0)
                {
                    continue;
                }

                var json = await SerializeLevelAsync(db, tx, flat, sub, auth, expandRequest, false);
                var next = 0;
                for (var i = 0; i < records.Count; i++)
                {
                    var (items, single) = related[i];
                    if (items.Count == 0)
                    {
                        continue;
                    }

                    var slice = json.GetRange(next, items.Count);
                    next += items.Count;
                    expands[i]![key] = single ? slice[0] : new JsonArray([.. slice]);
                }
            }
        }

        var result = new List<JsonObject>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var visibleEmail = showEmail || await CanManageAsync(db, tx, records[i], auth, expandRequest);
            result.Add(RecordSerializer.ToJson(records[i], auth, visibleEmail, expands[i]));
        }

        return result;
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

    /// <summary>The related records of <paramref name="key"/> for each of <paramref name="records"/>, in their order.</summary>
    private async Task<(List<Record> Records, bool Single)[]> LoadRelatedAsync(SqliteConnection db, SqliteTransaction? tx, IReadOnlyList<Record> records, string key, RequestAuthState auth, RequestInfo request)
    {
        var result = new (List<Record> Records, bool Single)[records.Count];
        var forward = new List<int>();
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Collection.FindField(key) is { Type: "relation" })
            {
                forward.Add(i);
            }
            else
            {
                result[i] = await LoadBackRelatedAsync(db, tx, records[i], key, auth, request);
            }
        }

        // Forward relations: one query per target collection for every id of the level.
        foreach (var group in forward.GroupBy(i => records[i].Collection.FindField(key)!.CollectionId, StringComparer.Ordinal))
        {
            var target = collections.Find(group.Key);
            var ids = target is null ? [] : group.SelectMany(i => records[i].GetList(key)).Distinct(StringComparer.Ordinal).ToList();
            var found = new Dictionary<string, Record>(StringComparer.Ordinal);
            foreach (var chunk in ids.Chunk(MaxIdsPerQuery))
            {
                var ctx = new SqlQueryContext(target!.Name);
                var idList = string.Join(", ", chunk.Select(id => "@" + ctx.AddParameter(id)));
                foreach (var r in await QueryVisibleAsync(db, tx, target, ctx, $"{TableSchema.Quote(target.Name)}.`id` IN ({idList})", auth, request))
                {
                    found.TryAdd(r.Id, r);
                }
            }

            foreach (var i in group)
            {
                var field = records[i].Collection.FindField(key)!;
                var ordered = records[i].GetList(key).Select(id => found.GetValueOrDefault(id)).OfType<Record>().ToList();
                result[i] = ordered.Count == 0 ? ([], true) : (ordered, !field.IsMultiple);
            }
        }

        return result;
    }

    /// <summary>Records of a <c>{collection}_via_{field}</c> key pointing to <paramref name="record"/> (at most 1000).</summary>
    private async Task<(List<Record> Records, bool Single)> LoadBackRelatedAsync(SqliteConnection db, SqliteTransaction? tx, Record record, string key, RequestAuthState auth, RequestInfo request)
    {
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
