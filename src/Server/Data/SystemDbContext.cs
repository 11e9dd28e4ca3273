using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PocketBaseSharp.Server.Data;

/// <summary>
/// EF Core over the system tables only. The tables themselves are created with upstream's exact
/// DDL by <see cref="SystemMigrations"/> (EF's own DDL would differ), so no EF migrations run.
/// Record tables are never mapped here: their shape is data, not code.
/// At run time EF uses the compiled model in Data/CompiledModel (found through its assembly
/// attribute), generated from <see cref="Map"/> by tools/ef-model/regenerate.sh: building the model
/// by conventions at the first save cost ~0.2 s of JIT and several MB (docs/architecture.md).
/// </summary>
public sealed class SystemDbContext(SqliteConnection connection) : DbContext
{
    public DbSet<CollectionRow> Collections => Set<CollectionRow>();

    public DbSet<ParamRow> Params => Set<ParamRow>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSqlite(connection);

    protected override void OnModelCreating(ModelBuilder modelBuilder) => Map(modelBuilder);

    /// <summary>The mapping; CompiledModelTests checks the compiled model still matches it.</summary>
    internal static void Map(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CollectionRow>(e =>
        {
            e.ToTable("_collections");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasColumnName("id");
            e.Property(c => c.System).HasColumnName("system");
            e.Property(c => c.Type).HasColumnName("type");
            e.Property(c => c.Name).HasColumnName("name");
            e.Property(c => c.Fields).HasColumnName("fields");
            e.Property(c => c.Indexes).HasColumnName("indexes");
            e.Property(c => c.ListRule).HasColumnName("listRule");
            e.Property(c => c.ViewRule).HasColumnName("viewRule");
            e.Property(c => c.CreateRule).HasColumnName("createRule");
            e.Property(c => c.UpdateRule).HasColumnName("updateRule");
            e.Property(c => c.DeleteRule).HasColumnName("deleteRule");
            e.Property(c => c.Options).HasColumnName("options");
            e.Property(c => c.Created).HasColumnName("created");
            e.Property(c => c.Updated).HasColumnName("updated");
        });
        modelBuilder.Entity<ParamRow>(e =>
        {
            e.ToTable("_params");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasColumnName("id");
            e.Property(p => p.Value).HasColumnName("value");
            e.Property(p => p.Created).HasColumnName("created");
            e.Property(p => p.Updated).HasColumnName("updated");
        });
    }
}
