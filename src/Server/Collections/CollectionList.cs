using System.Globalization;
using System.Text.Json.Nodes;
using PocketBaseSharp.RuleEngine;
using PocketBaseSharp.RuleEngine.Schema;
using PocketBaseSharp.RuleEngine.Sql;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// <c>GET /api/collections</c> with the listing conventions: the <c>filter</c> and <c>sort</c>
/// parameters go through the rule engine over the <c>_collections</c> table (fields id, created,
/// updated, name, system, type), and the matching ids are answered from the in-memory snapshot.
/// </summary>
public sealed class CollectionList(CollectionStore collections)
{
    private static readonly CollectionSchema Schema = new(
        "_collections",
        "_collections",
        "base",
        [new("id", "text"), new("created", "text"), new("updated", "text"), new("name", "text"), new("system", "bool"), new("type", "text")],
        null);

    private readonly RuleCompiler _compiler = new(collections, new SqliteDialect());

    public async Task<JsonObject> BuildAsync(HttpContext http)
    {
        var query = http.Request.Query;
        var page = ParseInt(query["page"], 1);
        var perPage = Math.Min(ParseInt(query["perPage"], RecordService.DefaultPerPage), RecordService.MaxPerPage);
        var skipTotal = RecordService.ParseBool(query["skipTotal"]);
        var info = RecordRules.BuildRequestInfo(http, RequestAuthState.Of(http));
        var ctx = new SqlQueryContext("_collections");
        string where;
        IReadOnlyList<string> orderBy;
        try
        {
            var filter = query["filter"].ToString();
            where = filter.Trim().Length > 0 ? " WHERE " + _compiler.CompileFilter(filter, Schema, info, ctx, FilterAccess.SuperuserFilter) : "";
            var sort = query["sort"].ToString();
            orderBy = sort.Trim().Length > 0 ? _compiler.CompileSort(sort, Schema, info, ctx, FilterAccess.SuperuserFilter) : [];
        }
        catch (FilterException)
        {
            throw ApiException.BadRequest();
        }

        var from = $"FROM `_collections` {RecordRules.Joins(ctx)}{where}";
        var sql = $"SELECT `_collections`.`id` {from}" + (orderBy.Count > 0 ? " ORDER BY " + string.Join(", ", orderBy) : "")
                  + $" LIMIT {perPage} OFFSET {(long)(page - 1) * perPage}";
        var (ids, total) = await collections.Database.ReadAsync(async db =>
        {
            var list = new List<string>();
            await using (var cmd = RecordStore.Command(db, null, sql, ctx.Parameters))
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    list.Add(reader.GetString(0));
                }
            }

            var count = skipTotal ? -1 : Convert.ToInt64(await RecordStore.ScalarAsync(db, null, "SELECT COUNT(*) " + from, ctx.Parameters), CultureInfo.InvariantCulture);
            return (list, count);
        });

        var items = ids.Select(id => collections.Find(id)).OfType<Collection>().Select(c => (JsonNode)CollectionJson.ToJson(c));
        return new JsonObject
        {
            ["items"] = new JsonArray([.. items]),
            ["page"] = page,
            ["perPage"] = perPage,
            ["totalItems"] = total,
            ["totalPages"] = skipTotal ? -1 : (total + perPage - 1) / perPage,
        };
    }

    private static int ParseInt(string? value, int fallback) =>
        string.IsNullOrEmpty(value) ? fallback
        : int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? (n <= 0 ? fallback : n)
        : throw ApiException.BadRequest();
}
