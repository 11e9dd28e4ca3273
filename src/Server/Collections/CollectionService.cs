using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.RuleEngine;
using PocketBaseSharp.RuleEngine.Requests;
using PocketBaseSharp.RuleEngine.Sql;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// Creates, changes, imports and deletes collections. Each change validates, migrates the table and
/// saves the <c>_collections</c> row in one transaction, then refreshes the in-memory snapshot.
/// </summary>
public sealed class CollectionService(CollectionStore collections, RecordStore records, ILogger<CollectionService> logger) : IRuleValidator
{
    private const string UpdateFailure = "Failed to update collection.";
    private const string ImportFailure = "Failed to import collections.";

    public async Task<Collection> CreateAsync(JsonObject input)
    {
        var result = await collections.Database.WriteAsync((db, tx) => SaveAsync(db, tx, null, input, collections.All, "Failed to create collection."));
        await collections.ReloadAsync();
        await ResaveChangedViewsAsync(result.Id);
        return result;
    }

    public async Task<Collection> UpdateAsync(Collection old, JsonObject input)
    {
        var result = await collections.Database.WriteAsync((db, tx) => SaveAsync(db, tx, old, input, collections.All, UpdateFailure));
        await collections.ReloadAsync();
        await ResaveChangedViewsAsync(result.Id);
        return result;
    }

    public async Task DeleteAsync(Collection c)
    {
        var referencing = collections.All.Where(o => o.Id != c.Id && o.Fields.Exists(f => f.Type == "relation" && f.CollectionId == c.Id)).Select(o => o.Name).ToList();
        if (c.System || referencing.Count > 0)
        {
            throw ApiException.BadRequest("Failed to delete collection" + (referencing.Count > 0 ? " probably due to existing reference in " + string.Join(", ", referencing) : "") + ".");
        }

        await collections.Database.WriteAsync(async (db, tx) =>
        {
            var views = ViewDependencies.Readable(db, tx, collections.All.Where(o => o.Id != c.Id));
            TableSchema.Drop(db, tx, c);
            // As upstream: a collection that a view still reads cannot be deleted.
            if (ViewDependencies.FirstBroken(db, tx, views) is not null)
            {
                throw ApiException.BadRequest("Failed to delete collection.");
            }

            await CollectionStore.SaveRowAsync(db, tx, c, delete: true);
            return 0;
        });
        await records.DeleteCollectionFilesAsync(c.Id);
        await collections.ReloadAsync();
    }

    /// <summary>Deletes every record through the normal delete path (cascades and change events included).</summary>
    public Task TruncateAsync(Collection c)
    {
        if (c.IsView)
        {
            throw ApiException.BadRequest("The view collections don't support truncate.");
        }

        return records.WriteAsync(async scope =>
        {
            var all = await RecordStore.QueryAsync(scope.Connection, scope.Transaction, c, $"SELECT * FROM {TableSchema.Quote(c.Name)}", new Dictionary<string, object?>());
            foreach (var record in all)
            {
                if (await scope.FindAsync(c, record.Id) is { } current)
                {
                    await scope.DeleteAsync(current);
                }
            }

            return 0;
        });
    }

    /// <summary>Upserts every collection (by id, else name) in one transaction; optionally deletes the missing ones.</summary>
    public async Task ImportAsync(JsonArray list, bool deleteMissing)
    {
        await collections.Database.WriteAsync(async (db, tx) =>
        {
            var current = collections.All.ToList();
            var seen = new HashSet<string>();
            foreach (var item in list)
            {
                if (item is not JsonObject input)
                {
                    throw ImportError("invalid collection entry");
                }

                var id = Json.String(input["id"]) ?? "";
                var name = Json.String(input["name"]) ?? "";
                var old = current.FirstOrDefault(c => id.Length > 0 && c.Id == id) ?? current.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
                try
                {
                    var saved = await SaveAsync(db, tx, old, input, current, ImportFailure);
                    current.RemoveAll(c => c.Id == saved.Id);
                    current.Add(saved);
                    seen.Add(saved.Id);
                }
                catch (ApiException ex) when (ex.Status == 400)
                {
                    throw ImportError(ex.ErrorData.Count > 0 ? ex.ErrorData.ToJsonString() : ex.InnerException?.Message ?? ex.Message);
                }
            }

            if (deleteMissing)
            {
                foreach (var c in current.Where(c => !c.System && !seen.Contains(c.Id)).ToList())
                {
                    TableSchema.Drop(db, tx, c);
                    await CollectionStore.SaveRowAsync(db, tx, c, delete: true);
                }
            }

            return 0;
        });
        await collections.ReloadAsync();
        await ResaveChangedViewsAsync(null);
    }

    /// <summary>
    /// As upstream after a collection save: every other view whose inferred fields changed (a
    /// source field's new options, a renamed source) is saved again. One that no longer infers is
    /// left as it is and logged, so that its query can be mended from the dashboard.
    /// </summary>
    private async Task ResaveChangedViewsAsync(string? savedId)
    {
        foreach (var view in collections.All.Where(v => v.IsView && v.Id != savedId).ToList())
        {
            try
            {
                // Compared on a reader first: most saves change no view, and a write would end
                // every cached auth token's freshness (Database.WriteVersion) for nothing.
                var changed = await collections.Database.ReadAsync(db => Task.FromResult(!SameFieldsIgnoringIds(view.Fields, InferViewFields(db, null, view, UpdateFailure))));
                if (changed && await ResaveAsync(view.Id))
                {
                    await collections.ReloadAsync();
                }
            }
            catch (Exception ex)
            {
                // The save that triggered this has committed; like upstream, only log.
                logger.LogWarning("Dependent view collection {View} may need to be updated after a collection change: {Error} {Data}", view.Name, ex.Message, (ex as ApiException)?.ErrorData.ToJsonString());
            }
        }
    }

    /// <summary>Saves a view again from its row as this write sees it (another request may have changed or deleted it since).</summary>
    private Task<bool> ResaveAsync(string viewId) => collections.Database.WriteAsync(async (db, tx) =>
    {
        if (await SystemTableSql.ReadCollectionAsync(db, tx, viewId) is not { } row)
        {
            return false;
        }

        var view = CollectionJson.FromRow(row);
        if (!view.IsView || SameFieldsIgnoringIds(view.Fields, InferViewFields(db, tx, view, UpdateFailure)))
        {
            return false;
        }

        await SaveAsync(db, tx, view, [], collections.All, UpdateFailure);
        return true;
    });

    private static bool SameFieldsIgnoringIds(List<Field> stored, List<Field> inferred) =>
        stored.Count == inferred.Count && stored.Zip(inferred).All(p => JsonNode.DeepEquals(WithoutId(p.First), WithoutId(p.Second)));

    private static JsonObject WithoutId(Field f)
    {
        var json = (JsonObject)f.ToJson().DeepClone();
        json.Remove("id");
        return json;
    }

    private static ApiException ImportError(string raw) => ApiException.BadRequest("Failed to import collections.", new JsonObject
    {
        ["collections"] = ValidationErrors.Leaf("validation_collections_import_failure", "Failed to import the collections configuration. Raw error: " + raw),
    });

    private async Task<Collection> SaveAsync(SqliteConnection db, SqliteTransaction tx, Collection? old, JsonObject input, IReadOnlyList<Collection> all, string failure)
    {
        var c = old?.Clone() ?? new Collection();
        CollectionInput.Apply(c, input, isNew: old is null);
        var now = Clock.Now();
        if (old is null)
        {
            if (c.Id.Length == 0)
            {
                c.Id = UniqueId(CollectionDefaults.CollectionId(c.Type, c.Name), all);
            }

            c.Created = now;
            if (c.IsAuth)
            {
                CollectionDefaults.FillAuthOptions(c);
            }
        }
        else if (old.System)
        {
            (c.ListRule, c.ViewRule, c.CreateRule, c.UpdateRule, c.DeleteRule) = (old.ListRule, old.ViewRule, old.CreateRule, old.UpdateRule, old.DeleteRule);
        }

        if (c.IsAuth && old is not null && old.AuthRule != c.AuthRule && c.Options["authToken"] is JsonObject authToken)
        {
            authToken["secret"] = RandomText.Alphanumeric(50);
        }

        c.Updated = now;
        if (c.IsView)
        {
            c.Fields = InferViewFields(db, tx, c, failure);
            foreach (var field in c.Fields)
            {
                // a re-saved view keeps the ids of the fields it still has
                if (old?.FindField(field.Name) is { } kept && kept.Type == field.Type && field.Id.StartsWith("_clone_", StringComparison.Ordinal))
                {
                    field.Id = kept.Id;
                }
            }

            c.Indexes = [];
        }
        else
        {
            CollectionDefaults.EnsureSystemFields(c);
            c.Indexes = [.. c.Indexes.Select(i => IndexSql.WithTable(i, c.Name))];
        }

        CollectionValidator.Validate(c, old, all, this).ThrowIfAny(failure);
        // A table change must leave the views over it readable, as upstream's DROP COLUMN does
        // (renames are followed: TableRenames). A view's own change is checked by the re-save after it.
        var views = old is { IsView: false } ? ViewDependencies.Readable(db, tx, all) : [];
        try
        {
            if (old is null)
            {
                TableSchema.Create(db, tx, c);
            }
            else
            {
                TableSchema.Migrate(db, tx, old, c);
            }
        }
        catch (SqliteException ex)
        {
            var key = c.IsView ? "viewQuery" : "indexes";
            throw ApiException.BadRequest(failure, new JsonObject { [key] = ValidationErrors.Leaf(c.IsView ? "validation_invalid_view_query" : "validation_invalid_index_expression", (c.IsView ? "Invalid view query. Raw error: " : "Invalid index expression. Raw error: ") + ex.Message) });
        }

        if (ViewDependencies.FirstBroken(db, tx, views) is var (view, error))
        {
            // The answer keeps the spec's message and empty data (no SQLite text in it); the cause
            // goes to the log, and into the import's own "Raw error" text.
            var cause = $"the view collection {view} reads what this change removes - {error}";
            logger.LogWarning("Collection {Collection} not saved: {Cause}", c.Name, cause);
            throw new ApiException(400, failure, cause: new InvalidOperationException(cause));
        }

        await CollectionStore.SaveRowAsync(db, tx, c);
        return c;
    }

    private static string UniqueId(string id, IReadOnlyList<Collection> all)
    {
        var candidate = id;
        for (var n = 2; all.Any(c => c.Id == candidate); n++)
        {
            candidate = id + n;
        }

        return candidate;
    }

    /// <summary>
    /// A view's fields, inferred as upstream does (<see cref="ViewFieldResolver"/>): one per column
    /// of the query's result, in order; the query must be one SELECT with an <c>id</c> column.
    /// </summary>
    public List<Field> InferViewFields(SqliteConnection db, SqliteTransaction? tx, Collection c, string failure)
    {
        var query = c.ViewQuery.Trim().TrimEnd(';');
        if (!query.StartsWith("select", StringComparison.OrdinalIgnoreCase) && !query.StartsWith("with", StringComparison.OrdinalIgnoreCase)
            || ViewQueryTokenizer.Tokenize(query).Any(t => t.IsSymbol(";")))
        {
            throw InvalidViewQuery(failure, "only a single SELECT statement is allowed");
        }

        Dictionary<string, ViewField> suggested;
        List<string> columns;
        try
        {
            suggested = ViewFieldResolver.Resolve(query, collections.All);
            using var cmd = db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"SELECT * FROM ({query}) LIMIT 0";
            using var reader = cmd.ExecuteReader();
            columns = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
        }
        catch (Exception ex) when (ex is SqliteException or ViewQueryException)
        {
            throw InvalidViewQuery(failure, ex.Message);
        }

        if (!columns.Contains("id"))
        {
            throw InvalidViewQuery(failure, "missing required id column (you can use `(ROW_NUMBER() OVER()) as id` if you don't have one)");
        }

        return [.. columns.Distinct().Select(name => suggested.TryGetValue(name, out var field) ? field.Field : ViewFieldResolver.DefaultField(name))];
    }

    private static ApiException InvalidViewQuery(string failure, string reason) =>
        ApiException.BadRequest(failure, new JsonObject { ["viewQuery"] = ValidationErrors.Leaf("validation_invalid_view_query", "Invalid view query. Raw error: " + reason) });

    public string? RuleError(string rule, Collection collection)
    {
        try
        {
            var compiler = new RuleCompiler(collections, new SqliteDialect());
            compiler.CompileFilter(rule, CollectionStore.ToSchema(collection), new RequestInfo(), new SqlQueryContext(collection.Name), FilterAccess.Rule);
            return null;
        }
        catch (FilterException ex)
        {
            return ex.Message;
        }
    }
}
