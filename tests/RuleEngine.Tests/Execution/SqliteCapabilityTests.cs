using Microsoft.Data.Sqlite;

namespace PocketBaseSharp.RuleEngine.Tests.Execution;

/// <summary>The SQL functions the compiler emits exist in the SQLite that Microsoft.Data.Sqlite bundles.</summary>
public sealed class SqliteCapabilityTests
{
    [TestCase("acos(1)", 0d)]
    [TestCase("cos(0)", 1d)]
    [TestCase("sin(0)", 0d)]
    [TestCase("radians(180)", Math.PI)]
    [TestCase("json_array_length('[1,2]')", 2d)]
    [TestCase("(SELECT count(*) FROM json_each('[1,2,3]'))", 3d)]
    [TestCase("JSON_EXTRACT('{\"a\":{\"b\":5}}', '$.a.b')", 5d)]
    [TestCase("'a_b' LIKE 'a\\_b' ESCAPE '\\'", 1d)]
    public void Function_IsAvailable(string expression, double expected)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + expression;
        Assert.That(Convert.ToDouble(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(expected).Within(1e-12));
    }
}
