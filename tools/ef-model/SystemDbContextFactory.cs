using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Design;
using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Tools.EfModel;

/// <summary>
/// Lets the EF tools build <see cref="SystemDbContext"/>, whose constructor takes the writer's
/// connection. Building the model never opens it.
/// </summary>
public sealed class SystemDbContextFactory : IDesignTimeDbContextFactory<SystemDbContext>
{
    public SystemDbContext CreateDbContext(string[] args) => new(new SqliteConnection("Data Source=:memory:"));
}
