namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// Reads the outermost SELECT of a view query: its result columns (split at top-level commas,
/// <c>AS</c> or bare aliases) and its FROM/JOIN sources (names, aliases, subqueries; <c>ON</c>/<c>USING</c>
/// conditions skipped). Parenthesised parts (subqueries, CTE bodies, function arguments) are never
/// entered, so a nested SELECT does not disturb the outer one. Anything it does not understand
/// yields an expression column, which becomes a json field as upstream.
/// </summary>
public static class ViewQueryParser
{
    private static readonly string[] SourceEnd = ["where", "group", "having", "order", "limit", "window", "union", "intersect", "except"];
    private static readonly string[] NotAliases = ["end", "null", "true", "false", "current_time", "current_date", "current_timestamp"];
    private static readonly string[] JoinWords = ["join", "left", "right", "full", "inner", "outer", "cross", "natural"];

    public static ViewQueryShape Parse(string sql)
    {
        var tokens = ViewQueryTokenizer.Tokenize(sql);
        var depths = Depths(tokens);
        var select = Find(tokens, depths, 0, t => t.IsWord("select"));
        if (select < 0)
        {
            return new ViewQueryShape([], []);
        }

        var from = Find(tokens, depths, select + 1, t => t.IsWord("from") || SourceEnd.Any(t.IsWord));
        var columnsEnd = from < 0 ? tokens.Count : from;
        var columnsStart = select + 1;
        while (columnsStart < columnsEnd && (tokens[columnsStart].IsWord("distinct") || tokens[columnsStart].IsWord("all")))
        {
            columnsStart++;
        }

        var columns = Split(tokens, depths, columnsStart, columnsEnd, t => t.IsSymbol(","))
            .Where(part => part.Count > 0)
            .Select(part => Column(sql, part))
            .ToList();
        var tables = new List<ViewQueryTable>();
        if (from >= 0 && tokens[from].IsWord("from"))
        {
            var end = Find(tokens, depths, from + 1, t => SourceEnd.Any(t.IsWord));
            foreach (var part in Split(tokens, depths, from + 1, end < 0 ? tokens.Count : end, t => t.IsSymbol(",") || JoinWords.Any(t.IsWord)))
            {
                var cut = part.FindIndex(t => t.IsWord("on") || t.IsWord("using"));
                var item = cut < 0 ? part : part[..cut];
                if (item.Count > 0)
                {
                    tables.Add(Table(item));
                }
            }
        }

        return new ViewQueryShape(columns, tables);
    }

    private static ViewQueryColumn Column(string sql, List<ViewQueryToken> part)
    {
        string? alias = null;
        if (part.Count >= 3 && part[^2].IsWord("as") && part[^1].Kind is not (ViewQueryTokenKind.Number or ViewQueryTokenKind.Symbol))
        {
            alias = part[^1].Text;
            part = part[..^2];
        }
        else if (part.Count >= 2 && IsBareAlias(part[^1]) && (part[^2].Kind != ViewQueryTokenKind.Symbol || part[^2].IsSymbol(")")))
        {
            alias = part[^1].Text;
            part = part[..^1];
        }

        var expression = sql[part[0].Start..part[^1].End];
        var (table, column) = Reference(part);
        return new ViewQueryColumn(alias ?? column ?? expression, expression, table, column);
    }

    private static bool IsBareAlias(ViewQueryToken t) =>
        t.Kind == ViewQueryTokenKind.String || t.Kind == ViewQueryTokenKind.QuotedName || t.Kind == ViewQueryTokenKind.Word && !NotAliases.Any(t.IsWord);

    /// <summary><c>col</c>, <c>t.col</c>, <c>schema.t.col</c>, <c>*</c>, <c>t.*</c>; anything else is an expression.</summary>
    private static (string? Table, string? Column) Reference(List<ViewQueryToken> part)
    {
        static bool IsColumn(ViewQueryToken t) => t.IsName || t.IsSymbol("*");
        return part.Count switch
        {
            1 when IsColumn(part[0]) => (null, part[0].Text),
            3 when part[0].IsName && part[1].IsSymbol(".") && IsColumn(part[2]) => (part[0].Text, part[2].Text),
            5 when part[0].IsName && part[1].IsSymbol(".") && part[2].IsName && part[3].IsSymbol(".") && IsColumn(part[4]) => (part[2].Text, part[4].Text),
            _ => (null, null),
        };
    }

    private static ViewQueryTable Table(List<ViewQueryToken> item)
    {
        var alias = item.Count >= 2 && item[^1].IsName && !(item.Count >= 2 && item[^2].IsSymbol(".")) ? item[^1].Text : null;
        var body = alias is null ? item : item[..^1];
        if (body.Count > 0 && body[^1].IsWord("as"))
        {
            body = body[..^1];
        }

        // a name, or schema.name; anything else (a subquery, a table-valued function) has no collection
        var name = body.Count switch
        {
            1 when body[0].IsName => body[0].Text,
            3 when body[0].IsName && body[1].IsSymbol(".") && body[2].IsName => body[2].Text,
            _ => "",
        };
        return new ViewQueryTable(name, alias ?? (name.Length > 0 ? name : ""));
    }

    /// <summary>The parenthesis depth before each token.</summary>
    private static int[] Depths(List<ViewQueryToken> tokens)
    {
        var depths = new int[tokens.Count];
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].IsSymbol(")"))
            {
                depth = Math.Max(0, depth - 1);
            }

            depths[i] = depth;
            if (tokens[i].IsSymbol("("))
            {
                depth++;
            }
        }

        return depths;
    }

    private static int Find(List<ViewQueryToken> tokens, int[] depths, int start, Func<ViewQueryToken, bool> match)
    {
        for (var i = start; i < tokens.Count; i++)
        {
            if (depths[i] == 0 && match(tokens[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static List<List<ViewQueryToken>> Split(List<ViewQueryToken> tokens, int[] depths, int start, int end, Func<ViewQueryToken, bool> separator)
    {
        var parts = new List<List<ViewQueryToken>> { new() };
        for (var i = start; i < end; i++)
        {
            if (depths[i] == 0 && separator(tokens[i]))
            {
                if (parts[^1].Count > 0)
                {
                    parts.Add([]);
                }

                continue;
            }

            parts[^1].Add(tokens[i]);
        }

        return parts;
    }
}
