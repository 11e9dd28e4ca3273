using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Data.CompiledModel;

namespace PocketBaseSharp.Server.Tests.Data;

/// <summary>
/// The compiled EF model is generated code: when the mapping in SystemDbContext.Map changes and
/// nobody runs tools/ef-model/regenerate.sh, EF would keep writing through the old mapping.
/// </summary>
public sealed class CompiledModelTests
{
    [Test]
    public void TheContextUsesTheCompiledModel()
    {
        using var ctx = new SystemDbContext(new SqliteConnection("Data Source=:memory:"));
        // Without the generated assembly attribute EF would build the model by conventions at the
        // first save again (the cost the compiled model removes), and the other test would check nothing.
        Assert.That(ctx.Model, Is.InstanceOf<SystemDbContextModel>());
    }

    [Test]
    public void TheCompiledModelMatchesTheMapping()
    {
        var builder = SqliteConventionSetBuilder.CreateModelBuilder();
        SystemDbContext.Map(builder);
        var fromMapping = Describe(builder.FinalizeModel());
        var compiled = Describe(SystemDbContextModel.Instance);
        Assert.That(compiled, Is.EqualTo(fromMapping),
            "src/Server/Data/CompiledModel is stale: run tools/ef-model/regenerate.sh");
    }

    /// <summary>What a write depends on: tables, columns, CLR types, nullability, keys.</summary>
    private static List<string> Describe(IReadOnlyModel model)
    {
        var lines = new List<string>();
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            lines.Add($"{entity.Name} -> {table.Name}");
            lines.Add($"  key {string.Join(",", entity.FindPrimaryKey()!.Properties.Select(p => p.Name))}");
            foreach (var p in entity.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                lines.Add($"  {p.Name} -> {p.GetColumnName(table)} {p.ClrType.Name} null={p.IsNullable} gen={p.ValueGenerated}");
            }
        }

        return lines;
    }
}
