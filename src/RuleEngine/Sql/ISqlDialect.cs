namespace PocketBaseSharp.RuleEngine.Sql;

/// <summary>
/// The database-specific parts of the SQL the compiler emits. SQLite now; a PostgreSQL dialect can
/// be added without touching the parser or the binder.
/// </summary>
public interface ISqlDialect
{
    /// <summary>Quotes an identifier taken from the schema (never from user text).</summary>
    string QuoteIdentifier(string name);

    /// <summary>The placeholder for a parameter name, e.g. <c>@p0</c>.</summary>
    string Parameter(string name);

    /// <summary>Extracts a JSON path (<c>$.a.b[0]</c>) from a JSON text expression.</summary>
    string JsonExtract(string expression, string jsonPath);

    /// <summary>A table-valued expression yielding one row per array item (column <c>value</c>); a non-array value yields itself.</summary>
    string JsonEach(string expression);

    /// <summary>Number of items; empty or NULL gives 0, a non-array value 1.</summary>
    string JsonArrayLength(string expression);
}
