using Microsoft.Data.Sqlite;

namespace PocketBaseSharp.RuleEngine.Tests.Support;

/// <summary>Runs a query whose first column is a record id, binding the compiler's parameters as <c>@name</c>.</summary>
public static class SqliteIds
{
    public static string[] Query(SqliteConnection connection, string sql, params IEnumerable<KeyValuePair<string, object?>>[] parameterSets)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 10;
        foreach (var (name, value) in parameterSets.SelectMany(set => set))
        {
            command.Parameters.AddWithValue("@" + name, value ?? DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return [.. ids];
    }
}
