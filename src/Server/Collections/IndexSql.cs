using System.Text.RegularExpressions;

namespace PocketBaseSharp.Server.Collections;

/// <summary>Reads the parts of a stored <c>CREATE INDEX</c> statement the server needs.</summary>
public static partial class IndexSql
{
    [GeneratedRegex(@"^\s*CREATE\s+(UNIQUE\s+)?INDEX\s+(IF\s+NOT\s+EXISTS\s+)?[`""\[]?(?<name>[^`""\]\s]+)[`""\]]?\s+ON\s+[`""\[]?(?<table>[^`""\]\s(]+)[`""\]]?\s*\((?<cols>[^)]*)\)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Pattern();

    public static string? Name(string sql) => Pattern().Match(sql) is { Success: true } m ? m.Groups["name"].Value : null;

    public static bool IsUnique(string sql) => Pattern().Match(sql) is { Success: true } m && m.Groups[1].Success;

    /// <summary>The column names of the index (quotes removed).</summary>
    public static IReadOnlyList<string> Columns(string sql) =>
        Pattern().Match(sql) is { Success: true } m
            ? [.. m.Groups["cols"].Value.Split(',').Select(c => c.Trim().Trim('`', '"', '[', ']').Split(' ')[0].Trim('`', '"'))]
            : [];

    public static bool IsUniqueOn(string sql, string column)
    {
        var cols = Columns(sql);
        return IsUnique(sql) && cols.Count == 1 && string.Equals(cols[0], column, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Points the index at <paramref name="table"/> (upstream rewrites the table name on save).</summary>
    public static string WithTable(string sql, string table)
    {
        var m = Pattern().Match(sql);
        if (!m.Success)
        {
            return sql;
        }

        var g = m.Groups["table"];
        var start = g.Index;
        var end = g.Index + g.Length;
        if (start > 0 && sql[start - 1] is '`' or '"' or '[')
        {
            start--;
            end++;
        }

        return sql[..start] + "`" + table + "`" + sql[end..];
    }
}
