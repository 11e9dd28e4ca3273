using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.RuleEngine;
using PocketBaseSharp.RuleEngine.Requests;
using PocketBaseSharp.RuleEngine.Sql;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Cli;
using PocketBaseSharp.Server.Collections;

namespace PocketBaseSharp.Server.Records;

/// <summary>
/// The records API actions (list, view, create, update, delete) with upstream's rule outcomes:
/// null rule 403, failed list rule filters, failed view/update/delete rule 404, failed create
/// rule 400. Writes run inside a caller-supplied <see cref="RecordWriteScope"/> so a batch can
/// share one transaction.
/// </summary>
public sealed class RecordService(CollectionStore collections, RecordStore store, RecordRules rules, RecordExpander expander, ILogger<RecordService>? logger = null)
{
    public const int DefaultPerPage = 30;
    public const int MaxPerPage = 1000;
    private const string OnlySuperusers = "Only superusers can perform this action.";
    private const string QueryFailed = "Something went wrong while processing your request.";

    public async Task<JsonObject> ListAsync(RecordRequest req)
    {
        var c = collections.Find(req.Collection) ?? throw ApiException.NotFound("Missing collection context.");
        var superuser = req.Auth.IsSuperuser;
        if (c.ListRule is null && !superuser)
        {
            throw ApiException.Forbidden(OnlySuperusers);
        }

        var page = ParseInt(req.Param("page"), 1);
        var perPage = Math.Min(ParseInt(req.Param("perPage"), DefaultPerPage), MaxPerPage);
        var skipTotal = ParseBool(req.Param("skipTotal"));
        var filter = req.Param("filter") ?? "";
        var sort = req.Param("sort") ?? "";
        if (!superuser)
        {
            foreach (var prefix in new[] { "@collection.", "@request." })
            {
                if (filter.Contains(prefix, StringComparison.Ordinal) || sort.Contains(prefix, StringComparison.Ordinal))
                {
                    throw ApiException.Forbidden("Only superusers can filter by " + prefix);
                }
            }
        }

        var info = RequestInfoOf(req, null);
        var table = TableSchema.Quote(c.Name);
        var ctx = new SqlQueryContext(c.Name);
        var where = new List<string>();
        if (!superuser && c.ListRule!.Trim().Length > 0)
        {
            where.Add(rules.Compile(c.ListRule, c, info, ctx, FilterAccess.Rule));
        }

        var access = superuser ? FilterAccess.SuperuserFilter : FilterAccess.ClientFilter;
        if (filter.Trim().Length > 0)
        {
            if (System.Text.Encoding.UTF8.GetByteCount(filter) > 3500)
            {
                throw ApiException.BadRequest();
            }

            where.Add(rules.Compile(filter, c, info, ctx, access));
        }

        var filterJoins = ctx.Joins.Count;
        var orderBy = sort.Trim().Length > 0 ? rules.CompileSort(sort, c, info, ctx, access) : [];
        where.AddRange(ctx.Conditions);
        var sortUsesJoins = ctx.Joins.Count > filterJoins || orderBy.Any(o => ctx.Joins.Any(j => o.Contains(j.Alias, StringComparison.Ordinal)));
        var (from, distinct) = FromClause(c, ctx, where, sortUsesJoins);
        var select = $"SELECT {(distinct ? "DISTINCT " : "")}{table}.* {from}" +
                     (orderBy.Count > 0 ? " ORDER BY " + string.Join(", ", orderBy) : "") +
                     $" LIMIT {perPage} OFFSET {(long)(page - 1) * perPage}";

        try
        {
            return await store.Database.ReadAsync(async db =>
            {
                var items = await RecordStore.QueryAsync(db, null, c, select, ctx.Parameters);
                long total = -1;
                if (!skipTotal)
                {
                    total = Convert.ToInt64(await RecordStore.ScalarAsync(db, null, CountSql(c, distinct, from), ctx.Parameters), CultureInfo.InvariantCulture);
                }

                var json = await expander.SerializeAsync(db, null, items, req.Param("expand"), req.Auth, info);
                return new JsonObject
                {
                    ["items"] = new JsonArray([.. json]),
                    ["page"] = page,
                    ["perPage"] = perPage,
                    ["totalItems"] = total,
                    ["totalPages"] = skipTotal ? -1 : (total + perPage - 1) / perPage,
                };
            });
        }
        catch (SqliteException ex)
        {
            // As upstream: a query SQLite refuses (a view whose source table or column is gone) is
            // a 400 with the generic message, never a 500.
            logger?.LogWarning("Listing {Collection} failed: {Error}", c.Name, ex.Message);
            throw ApiException.BadRequest(QueryFailed);
        }
    }

    /// <summary>
    /// The FROM … WHERE of a list and whether its rows still need DISTINCT. A filter through a
    /// to-many relation joins several rows per record; rather than <c>SELECT DISTINCT</c> over the
    /// joined rows, the joins move into a correlated <c>EXISTS</c> (same records: a record matches
    /// when one of its joined rows does), so SQLite stops at a record's first matching row, needs
    /// no temporary b-tree of the rows seen, and evaluates an "all" subquery once per record. Not
    /// for views (their rows need not be unique) nor when the sort reads a joined column.
    /// </summary>
    public static (string From, bool Distinct) FromClause(Collection c, SqlQueryContext ctx, IReadOnlyList<string> where, bool sortUsesJoins)
    {
        var table = TableSchema.Quote(c.Name);
        var condition = where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "";
        if (ctx.NeedsDistinct && !c.IsView && !sortUsesJoins)
        {
            return ($"FROM {table} WHERE EXISTS (SELECT 1 FROM (SELECT 1) {RecordRules.Joins(ctx)}{condition})", false);
        }

        return ($"FROM {table} {RecordRules.Joins(ctx)}{condition}", ctx.NeedsDistinct);
    }

    /// <summary>
    /// The list total. <c>COUNT(*)</c> unless joined rows can repeat a record (then distinct
    /// rowids) or the collection is a view (distinct ids: a view's rows may repeat an id).
    /// <c>COUNT(DISTINCT …)</c> makes SQLite build a temporary b-tree of every matching row, about
    /// ten times slower than counting on a 100k-row table.
    /// </summary>
    public static string CountSql(Collection c, bool distinct, string from)
    {
        var table = TableSchema.Quote(c.Name);
        if (c.IsView)
        {
            return $"SELECT COUNT(DISTINCT {table}.`id`) {from}";
        }

        return distinct ? $"SELECT COUNT(DISTINCT {table}._rowid_) {from}" : $"SELECT COUNT(*) {from}";
    }

    public async Task<JsonObject> ViewAsync(RecordRequest req)
    {
        var c = collections.Find(req.Collection) ?? throw ApiException.NotFound("Missing collection context.");
        if (c.ViewRule is null && !req.Auth.IsSuperuser)
        {
            throw ApiException.Forbidden(OnlySuperusers);
        }

        var info = RequestInfoOf(req, null);
        try
        {
            return await store.Database.ReadAsync(async db =>
            {
                var record = await RecordStore.FindByIdAsync(db, null, c, req.Id ?? "");
                if (record is null || !await rules.CheckAsync(db, null, c, record.Id, c.ViewRule, info))
                {
                    throw ApiException.NotFound();
                }

                return (await expander.SerializeAsync(db, null, [record], req.Param("expand"), req.Auth, info))[0];
            });
        }
        catch (SqliteException ex)
        {
            // Upstream answers a record it cannot read with its 404.
            logger?.LogWarning("Reading {Collection}/{Id} failed: {Error}", c.Name, req.Id, ex.Message);
            throw ApiException.NotFound();
        }
    }

    public async Task<JsonObject> CreateAsync(RecordRequest req, RecordWriteScope scope)
    {
        var c = WritableCollection(req);
        if (c.CreateRule is null && !req.Auth.IsSuperuser)
        {
            throw ApiException.Forbidden(OnlySuperusers);
        }

        const string failure = "Failed to create record.";
        var record = new Record(c, new Dictionary<string, object?>(StringComparer.Ordinal));
        var form = new RecordForm(record, isNew: true, canManage: req.Auth.IsSuperuser, isSuperuser: req.Auth.IsSuperuser) { PrehashedPassword = req.PrehashedPassword };
        var files = new RecordFiles(record, req.Files);
        form.Load(files.MergeInto(req.Body));
        form.Prepare();
        await CheckRelationsAsync(scope, form);
        if (c.IsAuth && await AuthIdTakenAsync(scope, record))
        {
            form.AddError("id", "validation_invalid_auth_id", "Invalid or duplicated auth record id.");
        }

        files.Check(form);

        form.Validate(failure);
        var info = RequestInfoOf(req, form.Body);
        if (!await rules.CheckCreateAsync(scope.Connection, scope.Transaction, record, info))
        {
            throw ApiException.BadRequest(failure);
        }

        scope.UniqueFailureMessage = failure;
        await scope.InsertAsync(record);
        files.Stage(scope.Files);
        if (c.IsSuperusers && !Installer.IsPlaceholder(record.GetString("email")))
        {
            await DeleteInstallerPlaceholderAsync(scope, c);
        }

        return await SerializeInScopeAsync(scope, record, req, info);
    }

    public async Task<JsonObject> UpdateAsync(RecordRequest req, RecordWriteScope scope)
    {
        var c = WritableCollection(req);
        if (c.UpdateRule is null && !req.Auth.IsSuperuser)
        {
            throw ApiException.Forbidden(OnlySuperusers);
        }

        var record = await scope.FindAsync(c, req.Id ?? "") ?? throw ApiException.NotFound();
        var files = new RecordFiles(record, req.Files);
        var body = files.MergeInto(req.Body);
        var probe = new RecordForm(record.Clone(), isNew: false, canManage: req.Auth.IsSuperuser, isSuperuser: req.Auth.IsSuperuser);
        probe.Load(body);
        var info = RequestInfoOf(req, probe.Body);
        if (!await rules.CheckAsync(scope.Connection, scope.Transaction, c, record.Id, c.UpdateRule, info))
        {
            throw ApiException.NotFound();
        }

        var canManage = req.Auth.IsSuperuser
            || (c.IsAuth && c.ManageRule is { Length: > 0 } && await rules.CheckAsync(scope.Connection, scope.Transaction, c, record.Id, c.ManageRule, info));
        const string failure = "Failed to update record.";
        var form = new RecordForm(record, isNew: false, canManage: canManage, isSuperuser: req.Auth.IsSuperuser) { PrehashedPassword = req.PrehashedPassword, OldPassword = req.OldPassword };
        form.Load(body);
        form.Prepare();
        await CheckRelationsAsync(scope, form);
        files.Check(form);
        form.Validate(failure);
        scope.UniqueFailureMessage = failure;
        await scope.UpdateAsync(record);
        files.Stage(scope.Files);
        return await SerializeInScopeAsync(scope, record, req, info, showEmail: canManage);
    }

    public async Task DeleteAsync(RecordRequest req, RecordWriteScope scope)
    {
        var c = collections.Find(req.Collection) ?? throw ApiException.NotFound("Missing collection context.");
        if (c.IsView)
        {
            throw ApiException.BadRequest("Unsupported collection type.");
        }

        if (c.DeleteRule is null && !req.Auth.IsSuperuser)
        {
            throw ApiException.Forbidden(OnlySuperusers);
        }

        var info = RequestInfoOf(req, null);
        var record = await scope.FindAsync(c, req.Id ?? "");
        if (record is null || !await rules.CheckAsync(scope.Connection, scope.Transaction, c, record.Id, c.DeleteRule, info))
        {
            throw ApiException.NotFound();
        }

        if (c.IsSuperusers)
        {
            var count = await RecordStore.ScalarAsync(scope.Connection, scope.Transaction, $"SELECT COUNT(*) FROM {TableSchema.Quote(c.Name)}", new Dictionary<string, object?>());
            if (Convert.ToInt64(count, CultureInfo.InvariantCulture) <= 1)
            {
                throw ApiException.BadRequest("You can't delete the only existing superuser.");
            }
        }

        await scope.DeleteAsync(record);
    }

    public static RequestInfo RequestInfoOf(RecordRequest req, IReadOnlyDictionary<string, object?>? body, string context = "default") =>
        RecordRules.BuildRequestInfo(req.Http, req.Auth, body, context) with { Method = req.Method, Query = req.Query };

    private Collection WritableCollection(RecordRequest req)
    {
        var c = collections.Find(req.Collection) ?? throw ApiException.NotFound("Missing or invalid collection context.");
        return c.IsView ? throw ApiException.BadRequest("Unsupported collection type.") : c;
    }

    private async Task<JsonObject> SerializeInScopeAsync(RecordWriteScope scope, Record record, RecordRequest req, RequestInfo info, bool showEmail = false)
    {
        var json = await expander.SerializeAsync(scope.Connection, scope.Transaction, [record], req.Param("expand"), req.Auth, info, showEmail);
        return json[0];
    }

    /// <summary>Every submitted relation id must exist in the target collection (rules are not applied).</summary>
    private async Task CheckRelationsAsync(RecordWriteScope scope, RecordForm form)
    {
        var record = form.Record;
        foreach (var field in record.Collection.Fields.Where(f => f.Type == "relation" && form.Body.ContainsKey(f.Name)))
        {
            var ids = record.GetList(field.Name);
            var target = collections.Find(field.CollectionId);
            if (ids.Count == 0)
            {
                continue;
            }

            var found = 0L;
            if (target is not null)
            {
                var parameters = ids.Select((id, i) => KeyValuePair.Create("r" + i, (object?)id)).ToDictionary();
                var sql = $"SELECT COUNT(*) FROM {TableSchema.Quote(target.Name)} WHERE `id` IN ({string.Join(", ", parameters.Keys.Select(k => "@" + k))})";
                found = Convert.ToInt64(await RecordStore.ScalarAsync(scope.Connection, scope.Transaction, sql, parameters), CultureInfo.InvariantCulture);
            }

            if (found != ids.Count)
            {
                form.AddError(field.Name, "validation_missing_rel_records", "Failed to find all relation records with the provided ids.");
            }
        }
    }

    /// <summary>Auth record ids must be unique across every auth collection (tokens name only the id).</summary>
    private async Task<bool> AuthIdTakenAsync(RecordWriteScope scope, Record record)
    {
        foreach (var other in collections.All.Where(o => o.IsAuth && o.Id != record.Collection.Id))
        {
            if (await scope.FindAsync(other, record.Id) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task DeleteInstallerPlaceholderAsync(RecordWriteScope scope, Collection superusers)
    {
        var placeholders = await RecordStore.QueryAsync(scope.Connection, scope.Transaction, superusers,
            $"SELECT * FROM {TableSchema.Quote(superusers.Name)} WHERE `email` = @e", new Dictionary<string, object?> { ["e"] = Installer.PlaceholderEmail });
        foreach (var p in placeholders)
        {
            await scope.DeleteAsync(p);
        }
    }

    public static int ParseInt(string? value, int fallback)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            throw ApiException.BadRequest();
        }

        return n <= 0 ? fallback : n;
    }

    public static bool ParseBool(string? value) => value switch
    {
        null or "" => false,
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => throw ApiException.BadRequest(),
    };
}
