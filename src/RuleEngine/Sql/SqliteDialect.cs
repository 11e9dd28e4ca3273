namespace PocketBaseSharp.RuleEngine.Sql;

/// <summary>SQLite: double-quoted identifiers, <c>@name</c> parameters, the JSON1 functions.</summary>
public sealed class SqliteDialect : ISqlDialect
{
    public static readonly SqliteDialect Instance = new();

    public string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string Parameter(string name) => "@" + name;

    // A value that is not valid JSON (e.g. plain text kept from before a field became json) is read as
    // a JSON string instead of failing the query with "malformed JSON", as upstream's JSONExtract does.
    public string JsonExtract(string expression, string jsonPath)
    {
        var path = jsonPath.Replace("'", "''", StringComparison.Ordinal);
        return $"(CASE WHEN json_valid({expression}) THEN JSON_EXTRACT({expression}, '{path}') "
            + $"ELSE JSON_EXTRACT(json_object('pb', {expression}), '$.pb{path[1..]}') END)";
    }

    // A non-array (or invalid JSON) value is treated as a one-element array, as upstream does.
    public string JsonEach(string expression) =>
        $"json_each(CASE WHEN json_valid({expression}) AND json_type({expression}) = 'array' THEN {expression} ELSE json_array({expression}) END)";

    public string JsonArrayLength(string expression) =>
        $"(CASE WHEN {expression} IS NULL OR {expression} = '' OR {expression} = '[]' THEN 0 WHEN json_valid({expression}) AND json_type({expression}) = 'array' THEN json_array_length({expression}) ELSE 1 END)";
}
