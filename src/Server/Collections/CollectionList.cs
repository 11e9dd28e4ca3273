using System.Globalization;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;

namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// Lists collections with the listing conventions (page, perPage, skipTotal) and simple sort on
/// id, created, updated, name, system and type. Filtering supports the equality shapes the
/// dashboard sends (<c>field = 'value'</c>, <c>&amp;&amp;</c>-joined); anything else answers 400.
/// </summary>
public static class CollectionList
{
    private static readonly string[] Sortable = ["id", "created", "updated", "name", "system", "type"];

    public static JsonObject Build(IReadOnlyList<Collection> all, IQueryCollection query)
    {
        var page = Math.Max(1, ParseInt(query["page"], 1));
        var perPage = Math.Min(Math.Max(1, ParseInt(query["perPage"], 30)), 1000);
        var skipTotal = Records.RecordService.ParseBool(query["skipTotal"]);
        IEnumerable<Collection> items = all.Where(c => Matches(c, query["filter"].ToString()));
        var sort = query["sort"].ToString();
        if (sort.Length > 0)
        {
            IOrderedEnumerable<Collection>? ordered = null;
            foreach (var raw in sort.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var desc = raw.StartsWith('-');
                var key = raw.TrimStart('-', '+');
                if (!Sortable.Contains(key))
                {
                    throw ApiException.BadRequest();
                }

                Func<Collection, string> selector = c => Value(c, key);
                ordered = ordered is null
                    ? (desc ? items.OrderByDescending(selector, StringComparer.Ordinal) : items.OrderBy(selector, StringComparer.Ordinal))
                    : (desc ? ordered.ThenByDescending(selector, StringComparer.Ordinal) : ordered.ThenBy(selector, StringComparer.Ordinal));
            }

            items = ordered ?? items;
        }

        var list = items.ToList();
        return new JsonObject
        {
            ["items"] = new JsonArray([.. list.Skip((page - 1) * perPage).Take(perPage).Select(c => (JsonNode)CollectionJson.ToJson(c))]),
            ["page"] = page,
            ["perPage"] = perPage,
            ["totalItems"] = skipTotal ? -1 : list.Count,
            ["totalPages"] = skipTotal ? -1 : (list.Count + perPage - 1) / perPage,
        };
    }

    private static string Value(Collection c, string key) => key switch
    {
        "id" => c.Id,
        "created" => c.Created,
        "updated" => c.Updated,
        "name" => c.Name,
        "system" => c.System ? "1" : "0",
        _ => c.Type,
    };

    private static bool Matches(Collection c, string filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return true;
        }

        foreach (var part in filter.Split("&&"))
        {
            var pieces = part.Split(part.Contains("!=", StringComparison.Ordinal) ? "!=" : "=", 2);
            if (pieces.Length != 2)
            {
                throw ApiException.BadRequest();
            }

            var key = pieces[0].Trim().Trim('(', ')', ' ');
            var value = pieces[1].Trim().Trim('(', ')', ' ').Trim('\'', '"');
            if (!Sortable.Contains(key))
            {
                throw ApiException.BadRequest();
            }

            var actual = Value(c, key);
            if (key == "system")
            {
                value = value is "true" or "1" ? "1" : "0";
            }

            var equal = string.Equals(actual, value, StringComparison.Ordinal);
            if (part.Contains("!=", StringComparison.Ordinal) ? equal : !equal)
            {
                return false;
            }
        }

        return true;
    }

    private static int ParseInt(string? value, int fallback) =>
        string.IsNullOrEmpty(value) ? fallback : int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? (n <= 0 ? fallback : n) : throw ApiException.BadRequest();
}
