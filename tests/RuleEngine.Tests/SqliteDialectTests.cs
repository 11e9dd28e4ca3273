using PocketBaseSharp.RuleEngine.Sql;

namespace PocketBaseSharp.RuleEngine.Tests;

public sealed class SqliteDialectTests
{
    [TestCase("title", "\"title\"")]
    [TestCase("we\"ird", "\"we\"\"ird\"")]
    public void QuoteIdentifier_EscapesQuotes(string name, string expected) =>
        Assert.That(SqliteDialect.Instance.QuoteIdentifier(name), Is.EqualTo(expected));
}
