using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.RuleEngine;
using PocketBaseSharp.RuleEngine.Sql;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Logs;

/// <summary>
/// Reads <c>_logs</c> for the logs API: the list with the listing conventions (http-api.md §1.8),
/// hourly stats and one entry. Filter and sort go through the rule engine over <see cref="LogsSchema"/>.
/// </summary>
public sealed class LogsQuery(AuxiliaryDatabase auxiliary)
{
    private const string From = "FROM `" + LogsSchema.Table + "`";
    private readonly RuleCompiler _compiler = new(new LogsSchema(), new SqliteDialect());

    public async Task<JsonObject> ListAsync(HttpContext http)
    {
        var query = http.Request.Query;
        var page = RecordService.ParseInt(query["page"], 1);
        var perPage = Math.Min(RecordService.ParseInt(query["perPage"], RecordService.DefaultPerPage), RecordService.MaxPerPage);
        var skipTotal = RecordService.ParseBool(query["skipTotal"]);
        var ctx = new SqlQueryContext(LogsSchema.Table);
        var where = Where(http, ctx);
        var sort = query["sort"].ToString();
        var orderBy = sort.Trim().Length > 0 ? Compile(() => _compiler.CompileSort(sort, LogsSchema.Collection, Request(http), ctx, FilterAccess.SuperuserFilter)) : [];
        var sql = $"SELECT `id`, `created`, `level`, `message`, `data` {From}{where}" + (orderBy.Count > 0 ? " ORDER BY " + string.Join(", ", orderBy) : "")
                  + $" LIMIT {perPage} OFFSET {(long)(page - 1) * perPage}";
        return await ReadOrBadRequestAsync(null, async db =>
        {
            var items = await ReadAsync(db, sql, ctx.Parameters);
            var total = skipTotal ? -1 : Convert.ToInt64(await RecordStore.ScalarAsync(db, null, $"SELECT COUNT(*) {From}{where}", ctx.Parameters), CultureInfo.InvariantCulture);
            return new JsonObject
            {
                ["items"] = new JsonArray([.. items.Select(e => (JsonNode)e.ToJson())]),
                ["page"] = page,
                ["perPage"] = perPage,
                ["totalItems"] = total,
                ["totalPages"] = skipTotal ? -1 : (total + perPage - 1) / perPage,
            };
        });
    }

    /// <summary>Entries per hour, oldest first: <c>[{"total":4,"date":"2024-03-09 17:00:00.000Z"}]</c>.</summary>
    public async Task<JsonArray> StatsAsync(HttpContext http)
    {
        var ctx = new SqlQueryContext(LogsSchema.Table);
        var where = Where(http, ctx, "Invalid filter format.");
        var sql = $"SELECT COUNT(`id`), strftime('%Y-%m-%d %H:00:00', `created`) AS `date` {From}{where} GROUP BY `date` ORDER BY `date`";
        return await ReadOrBadRequestAsync("Failed to generate logs stats.", async db =>
        {
            await using var cmd = RecordStore.Command(db, null, sql, ctx.Parameters);
            await using var reader = await cmd.ExecuteReaderAsync();
            var result = new JsonArray();
            while (await reader.ReadAsync())
            {
                result.Add(new JsonObject { ["total"] = reader.GetInt64(0), ["date"] = (reader.IsDBNull(1) ? "" : reader.GetString(1)) + ".000Z" });
            }

            return result;
        });
    }

    public Task<LogEntry?> FindAsync(string id) =>
        auxiliary.Database.ReadAsync(async db =>
        {
            var found = await ReadAsync(db, $"SELECT `id`, `created`, `level`, `message`, `data` {From} WHERE `id` = @id LIMIT 1", new Dictionary<string, object?> { ["id"] = id });
            return found.Count > 0 ? found[0] : null;
        });

    private string Where(HttpContext http, SqlQueryContext ctx, string? invalidMessage = null)
    {
        var filter = http.Request.Query["filter"].ToString();
        return filter.Trim().Length == 0 ? "" : " WHERE " + Compile(() => _compiler.CompileFilter(filter, LogsSchema.Collection, Request(http), ctx, FilterAccess.SuperuserFilter), invalidMessage);
    }

    /// <summary>A query that SQLite rejects (e.g. a JSON path over malformed data) is a bad request, as upstream.</summary>
    private async Task<T> ReadOrBadRequestAsync<T>(string? message, Func<SqliteConnection, Task<T>> work)
    {
        try
        {
            return await auxiliary.Database.ReadAsync(work);
        }
        catch (SqliteException)
        {
            throw ApiException.BadRequest(message);
        }
    }

    private static RuleEngine.Requests.RequestInfo Request(HttpContext http) => RecordRules.BuildRequestInfo(http, RequestAuthState.Of(http));

    private static T Compile<T>(Func<T> compile, string? invalidMessage = null)
    {
        try
        {
            return compile();
        }
        catch (FilterException)
        {
            throw ApiException.BadRequest(invalidMessage);
        }
    }

    private static async Task<List<LogEntry>> ReadAsync(SqliteConnection db, string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        await using var cmd = RecordStore.Command(db, null, sql, parameters);
        await using var reader = await cmd.ExecuteReaderAsync();
        var result = new List<LogEntry>();
        while (await reader.ReadAsync())
        {
            result.Add(new LogEntry(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), ParseData(reader.IsDBNull(4) ? "" : reader.GetString(4))));
        }

        return result;
    }

    private static JsonObject ParseData(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            // Rows written by other tools may hold anything; the entry is still listed.
            return [];
        }
    }
}
