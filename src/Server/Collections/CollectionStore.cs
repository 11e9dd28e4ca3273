using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PocketBaseSharp.RuleEngine.Schema;
using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// The collections of <c>data.db</c>: an in-memory snapshot (swapped atomically after each
/// committed schema change) plus the saving of rows through EF Core (reads are plain SQL: <see cref="SystemTableSql"/>). Also the rule engine's
/// <see cref="ISchemaLookup"/>.
/// </summary>
public sealed class CollectionStore(Database database) : ISchemaLookup
{
    // The rule engine's view of each published collection, built once per snapshot: building it
    // parses every index's SQL for every field, and every rule compile (each REST request with a
    // rule, each realtime subscriber's first check) asks for it.
    private static readonly ConditionalWeakTable<Collection, CollectionSchema> PublishedSchemas = new();

    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private volatile IReadOnlyList<Collection> _all = [];

    public IReadOnlyList<Collection> All => _all;

    public Database Database => database;

    /// <summary>Finds by id, or by name case-insensitively (as upstream's REST lookup).</summary>
    public Collection? Find(string nameOrId)
    {
        var all = _all;
        return all.FirstOrDefault(c => c.Id == nameOrId)
            ?? all.FirstOrDefault(c => string.Equals(c.Name, nameOrId, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Re-reads the committed collections; reloads run one at a time so an older read never wins.</summary>
    public async Task ReloadAsync()
    {
        await _reloadLock.WaitAsync();
        try
        {
            var rows = await database.ReadAsync(SystemTableSql.ReadCollectionsAsync);
            List<Collection> all = [.. rows.Select(CollectionJson.FromRow)];
            foreach (var collection in all)
            {
                PublishedSchemas.AddOrUpdate(collection, BuildSchema(collection));
            }

            _all = all;
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    /// <summary>Inserts, updates or deletes the row of a collection inside the caller's transaction.</summary>
    public static async Task SaveRowAsync(SqliteConnection db, SqliteTransaction tx, Collection collection, bool delete = false)
    {
        await using var ctx = new SystemDbContext(db);
        await ctx.Database.UseTransactionAsync(tx);
        // Every column is written from the collection, so an update needs no read of the old row.
        var exists = await SystemTableSql.CollectionExistsAsync(db, tx, collection.Id);
        var row = new CollectionRow();
        CollectionJson.CopyToRow(collection, row);
        if (delete)
        {
            if (exists)
            {
                ctx.Collections.Remove(row);
            }
        }
        else if (exists)
        {
            ctx.Collections.Update(row);
        }
        else
        {
            ctx.Collections.Add(row);
        }

        await ctx.SaveChangesAsync();
    }

    CollectionSchema? ISchemaLookup.FindCollection(string nameOrId) => Find(nameOrId) is { } c ? ToSchema(c) : null;

    /// <summary>
    /// The rule engine's view of a collection: cached for the objects of the published snapshot
    /// (never modified once published), built afresh for any other (a collection being saved).
    /// </summary>
    public static CollectionSchema ToSchema(Collection c) =>
        PublishedSchemas.TryGetValue(c, out var schema) ? schema : BuildSchema(c);

    private static CollectionSchema BuildSchema(Collection c) => new(
        c.Id,
        c.Name,
        c.Type,
        [.. c.Fields.Select(f => new FieldSchema(
            f.Name,
            f.Type,
            f.IsMultiple,
            f.Hidden,
            f.Type == "relation" ? f.CollectionId : null,
            c.Indexes.Exists(i => IndexSql.IsUniqueOn(i, f.Name))))],
        c.ListRule);
}
