using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// Upstream's view field inference: each result column of the query (by name) becomes
/// - <c>id</c>: the primary-key text field;
/// - <c>count(…)</c>, <c>total(…)</c> or a numeric cast: number; <c>cast(… as text)</c>: text; a bool cast: bool;
/// - a reference to a field of a FROM/JOIN collection (unqualified columns read the main table):
///   a copy of that field under the column's name with a fresh <c>_clone_</c> id (a view's field too, so
///   nested views keep types); a reference to a collection's <c>id</c> under another name: a single relation to it;
/// - anything else (subqueries, other expressions, unknown tables or columns): json.
/// A <c>*</c> over a collection is rejected (upstream never lets a view expose unlisted columns).
/// </summary>
public static partial class ViewFieldResolver
{
    public const int MaxViewDepth = 5;

    public static Dictionary<string, ViewField> Resolve(string query, IReadOnlyList<Collection> all)
    {
        var shape = ViewQueryParser.Parse(query);
        var byAlias = new Dictionary<string, Collection>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in shape.Tables.Where(t => !t.IsSubquery))
        {
            if (all.FirstOrDefault(c => string.Equals(c.Name, table.Name, StringComparison.OrdinalIgnoreCase)) is { } found)
            {
                byAlias[table.Alias] = found;
            }
        }

        var main = shape.Tables.Count > 0 ? shape.Tables[0].Alias : "";
        var result = new Dictionary<string, ViewField>(StringComparer.Ordinal);
        foreach (var column in shape.Columns)
        {
            result[column.Name] = Resolve(column, byAlias.GetValueOrDefault(column.Table ?? main));
        }

        return result;
    }

    /// <summary>
    /// The table collection and file field that hold the files of a view's file field, following
    /// nested views (at most <see cref="MaxViewDepth"/> levels); null when the field reads no collection field.
    /// </summary>
    public static ViewField? FileSource(Collection view, string fieldName, IReadOnlyList<Collection> all)
    {
        for (var level = 0; level < MaxViewDepth && view.IsView; level++)
        {
            if (!Resolve(view.ViewQuery, all).TryGetValue(fieldName, out var item) || item.Source is null || item.Original is null)
            {
                return null;
            }

            if (!item.Source.IsView)
            {
                return item.Original.Type == "file" ? item : null;
            }

            (view, fieldName) = (item.Source, item.Original.Name);
        }

        return null;
    }

    public static Field DefaultField(string name) => Make("json", name, new JsonObject { ["maxSize"] = 1 });

    private static ViewField Resolve(ViewQueryColumn column, Collection? collection)
    {
        var name = column.Name;
        if (name == "id")
        {
            return new ViewField(Make("text", name, new JsonObject { ["system"] = true, ["required"] = true, ["primaryKey"] = true, ["pattern"] = "^[a-z0-9]+$" }), null, null);
        }

        var lower = column.Expression.ToLowerInvariant();
        if (lower.StartsWith("count(", StringComparison.Ordinal) || lower.StartsWith("total(", StringComparison.Ordinal))
        {
            return new ViewField(Make("number", name), null, null);
        }

        if (CastPattern().Match(lower) is { Success: true } cast)
        {
            var type = cast.Groups[1].Value switch
            {
                "real" or "integer" or "int" or "decimal" or "numeric" => "number",
                "text" => "text",
                "bool" or "boolean" => "bool",
                _ => null,
            };
            if (type is not null)
            {
                return new ViewField(Make(type, name), null, null);
            }
        }

        if (!column.IsReference || collection is null)
        {
            return new ViewField(DefaultField(name), null, null);
        }

        if (column.Column == "*")
        {
            throw new ViewQueryException("dynamic column names are not supported");
        }

        var original = collection.Fields.Find(f => string.Equals(f.Name, column.Column, StringComparison.OrdinalIgnoreCase));
        if (original is null)
        {
            return new ViewField(DefaultField(name), collection, null);
        }

        if (string.Equals(column.Column, "id", StringComparison.OrdinalIgnoreCase))
        {
            return new ViewField(Make("relation", name, new JsonObject { ["maxSelect"] = 1, ["collectionId"] = collection.Id }), collection, null);
        }

        var clone = original.Clone();
        clone.Id = "_clone_" + RandomText.Alphanumeric(4);
        clone.Name = name;
        return new ViewField(clone, collection, original);
    }

    private static Field Make(string type, string name, JsonObject? options = null)
    {
        var raw = new JsonObject
        {
            ["hidden"] = false, ["id"] = CollectionDefaults.FieldId(type, name), ["name"] = name,
            ["presentable"] = false, ["system"] = false, ["type"] = type,
        };
        foreach (var (key, value) in FieldTypes.Defaults(type))
        {
            raw[key] = value?.DeepClone();
        }

        foreach (var (key, value) in options ?? [])
        {
            raw[key] = value?.DeepClone();
        }

        return new Field(raw);
    }

    [GeneratedRegex(@"^cast\s*\(.*\s+as\s+(\w+)\s*\)$", RegexOptions.Singleline)]
    private static partial Regex CastPattern();
}
