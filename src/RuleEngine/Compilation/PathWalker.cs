using System.Text.RegularExpressions;
using PocketBaseSharp.RuleEngine.Schema;
using PocketBaseSharp.RuleEngine.Sql;

namespace PocketBaseSharp.RuleEngine.Compilation;

/// <summary>
/// Follows a dotted field path from a collection: relation hops become LEFT JOINs (through
/// json_each for multiple relations), <c>coll_via_field</c> joins back-relations, a json/geoPoint
/// field takes the rest as a JSON path. Aliases derive from the starting alias, so the same walk
/// with another starting alias builds an independent copy for an "all" subquery.
/// </summary>
internal sealed partial class PathWalker(CompileScope scope, IJoinSink sink, bool isMainPass)
{
    public const int MaxHops = 6;

    private readonly List<string> _constraints = [];
    private bool _multi;
    private bool _nullifyMissing;
    private int _hops;

    /// <summary>Segments must be plain words: they end up in aliases and JSON paths.</summary>
    public static void ValidateSegments(string identifier, IEnumerable<string> segments)
    {
        if (!segments.All(s => SegmentPattern().IsMatch(s)))
        {
            throw new FilterBindException($"invalid path '{identifier}'");
        }
    }

    public PathValue Walk(CollectionSchema collection, string alias, IReadOnlyList<string> segments, bool each, bool startsMulti) =>
        WalkPath(collection, alias, segments, each, startsMulti) ?? throw new FilterBindException("empty field path");

    /// <summary>
    /// Walks a path under <c>@request</c> (auth record, submitted relation). As upstream, a field or
    /// back-relation that does not exist there makes the value NULL (returns null) instead of an error:
    /// the same rule serves several auth collections, and a body may relate to records of any shape.
    /// </summary>
    public PathValue? WalkRequestPath(CollectionSchema collection, string alias, IReadOnlyList<string> segments, bool each, bool startsMulti)
    {
        _nullifyMissing = true;
        return WalkPath(collection, alias, segments, each, startsMulti);
    }

    private PathValue? WalkPath(CollectionSchema collection, string alias, IReadOnlyList<string> segments, bool each, bool startsMulti)
    {
        _multi = startsMulti;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var last = i == segments.Count - 1;
            var field = FindField(collection, segment);
            if (field is null)
            {
                // As upstream, a back-relation must be followed by a field of the referencing collection.
                if (last)
                {
                    return _nullifyMissing ? null : throw new FilterBindException($"unknown field '{segment}' in collection '{collection.Name}'");
                }

                var back = JoinBackRelation(collection, alias, segment);
                if (back is null)
                {
                    return null;
                }

                (collection, alias) = back.Value;
                continue;
            }

            RejectHidden(collection, field);
            if (last)
            {
                var (sql, noCoalesce) = LastField(collection, alias, field, each);
                return Finish(sql, noCoalesce, HoldsItems(field));
            }

            if (field.Type is "json" or "geoPoint")
            {
                RejectEach(each, field.Name);
                return Finish(JsonPath(alias, field, segments.Skip(i + 1)), noCoalesce: true);
            }

            if (field.Type != "relation")
            {
                throw new FilterBindException($"field '{field.Name}' of '{collection.Name}' is not a relation or json field, so '{segments[i + 1]}' cannot follow it");
            }

            // A single relation's own column already is the related id.
            if (!field.Multiple && !each && i + 2 == segments.Count && segments[i + 1] == "id")
            {
                return Finish(scope.Column(alias, field.Name), noCoalesce: false);
            }

            (collection, alias) = JoinRelation(collection, alias, field);
        }

        return null;
    }

    /// <summary>Adds the related collection's list rule for a join made by a client filter.</summary>
    public void ConstrainJoin(CollectionSchema target, string alias)
    {
        if (scope.Access != FilterAccess.ClientFilter)
        {
            return;
        }

        if (target.ListRule is null)
        {
            throw new FilterBindException($"the collection '{target.Name}' can only be filtered by superusers (its list rule is locked)");
        }

        if (target.ListRule.Length == 0 || !isMainPass || scope.ListRules.Contains(alias))
        {
            return;
        }

        // Joins made by the related rule itself ignore further rules, as upstream, and get their own
        // aliases so that they never share rows with the filter's joins.
        var ruleScope = scope with { Collection = target, BaseAlias = alias, Access = FilterAccess.Rule, JoinSuffix = scope.JoinSuffix + "__lr" };
        var rule = FilterSqlBuilder.Build(scope.Cache.GetOrParse(target.ListRule), ruleScope);
        var id = scope.Column(alias, "id");
        scope.ListRules.Add(alias, $"({id} = '' OR {id} IS NULL OR {rule})");
    }

    public void CountHop()
    {
        if (++_hops > MaxHops)
        {
            throw new FilterBindException($"a path may follow at most {MaxHops} relations");
        }
    }

    private static FieldSchema? FindField(CollectionSchema collection, string name) =>
        collection.FindField(name) ?? (name == "id" ? new FieldSchema("id", "text") : null);

    // select, file and relation values may hold several items (a JSON array when multiple).
    private static bool HoldsItems(FieldSchema field) => field.Type is "select" or "file" or "relation";

    private (string Sql, bool NoCoalesce) LastField(CollectionSchema collection, string alias, FieldSchema field, bool each)
    {
        var column = scope.Column(alias, field.Name);
        if (collection.IsAuth && field.Name == "email" && scope.Access == FilterAccess.ClientFilter && isMainPass)
        {
            _constraints.Add($"{scope.Column(alias, "emailVisibility")} = TRUE");
        }

        // As upstream, :each on a field that cannot hold items is ignored; on a single one it
        // iterates the one value without making the path multi-valued. Its alias is the one a
        // multiple relation's hop uses (as upstream), so "editors:each" and "editors.name" read
        // the same item row.
        if (each && HoldsItems(field))
        {
            var items = ItemsAlias(alias, field);
            sink.Add(new SqlJoin(scope.Dialect.JsonEach(column), scope.Quote(items), null), multipliesRows: field.Multiple);
            _multi |= field.Multiple;
            return (scope.Column(items, "value"), false);
        }

        // A json field is read through JSON_EXTRACT so that top-level primitives compare as SQL values.
        return field.Type == "json" ? (scope.Dialect.JsonExtract(column, "$"), true) : (column, false);
    }

    private string ItemsAlias(string alias, FieldSchema field) => scope.JoinAlias(alias, field.Name) + "__ids";

    private string JsonPath(string alias, FieldSchema field, IEnumerable<string> rest)
    {
        var path = "$" + string.Concat(rest.Select(s => s.All(char.IsAsciiDigit) ? $"[{s}]" : "." + s));
        return scope.Dialect.JsonExtract(scope.Column(alias, field.Name), path);
    }

    private (CollectionSchema, string) JoinRelation(CollectionSchema collection, string alias, FieldSchema field)
    {
        CountHop();
        var target = (field.RelationCollectionId is null ? null : scope.Schema.FindCollection(field.RelationCollectionId))
            ?? throw new FilterBindException($"the related collection of '{collection.Name}.{field.Name}' does not exist");
        var joined = scope.JoinAlias(alias, field.Name);
        var source = scope.Column(alias, field.Name);
        if (field.Multiple)
        {
            var items = ItemsAlias(alias, field);
            sink.Add(new SqlJoin(scope.Dialect.JsonEach(source), scope.Quote(items), null), multipliesRows: true);
            sink.Add(new SqlJoin(scope.Quote(target.Name), scope.Quote(joined), $"{scope.Column(joined, "id")} = {scope.Column(items, "value")}"), multipliesRows: true);
            _multi = true;
        }
        else
        {
            sink.Add(new SqlJoin(scope.Quote(target.Name), scope.Quote(joined), $"{scope.Column(joined, "id")} = {source}"), multipliesRows: false);
        }

        ConstrainJoin(target, joined);
        return (target, joined);
    }

    private (CollectionSchema, string)? JoinBackRelation(CollectionSchema collection, string alias, string segment)
    {
        var match = BackRelationPattern().Match(segment);
        var source = match.Success ? scope.Schema.FindCollection(match.Groups["collection"].Value) : null;
        var field = source?.FindField(match.Groups["field"].Value);
        if (source is null || field is null || field.Type != "relation"
            || (field.RelationCollectionId != collection.Id && field.RelationCollectionId != collection.Name))
        {
            return _nullifyMissing ? null : throw new FilterBindException($"unknown field '{segment}' in collection '{collection.Name}'");
        }

        RejectHidden(source, field);
        CountHop();
        var joined = scope.JoinAlias(alias, segment);
        var reference = scope.Column(joined, field.Name);
        var id = scope.Column(alias, "id");
        var on = field.Multiple
            ? $"EXISTS (SELECT 1 FROM {scope.Dialect.JsonEach(reference)} {scope.Quote("__ref")} WHERE {scope.Column("__ref", "value")} = {id})"
            : $"{reference} = {id}";
        var multiplies = field.Multiple || !field.Unique;
        sink.Add(new SqlJoin(scope.Quote(source.Name), scope.Quote(joined), on), multiplies);
        _multi |= multiplies;
        ConstrainJoin(source, joined);
        return (source, joined);
    }

    private void RejectHidden(CollectionSchema collection, FieldSchema field)
    {
        if (field.Hidden && scope.Access == FilterAccess.ClientFilter)
        {
            throw new FilterBindException($"non-filterable field '{field.Name}' of '{collection.Name}' (hidden)");
        }
    }

    private static void RejectEach(bool each, string name)
    {
        if (each)
        {
            throw new FilterBindException($"':each' cannot be used on '{name}'");
        }
    }

    private PathValue Finish(string sql, bool noCoalesce, bool holdsItems = false) => new(sql, _multi, noCoalesce, _constraints, holdsItems);

    [GeneratedRegex(@"^[\p{L}\p{Nd}_]+$")]
    private static partial Regex SegmentPattern();

    [GeneratedRegex(@"^(?<collection>\w+?)_via_(?<field>\w+)$")]
    private static partial Regex BackRelationPattern();
}
