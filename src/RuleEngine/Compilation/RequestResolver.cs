using System.Globalization;
using PocketBaseSharp.RuleEngine.Ast;
using PocketBaseSharp.RuleEngine.Sql;

namespace PocketBaseSharp.RuleEngine.Compilation;

/// <summary>
/// Resolves <c>@request.*</c>. Static values (context, method, headers, query, body, the auth record's
/// direct fields) become parameters; other auth fields and body relation paths join their collection.
/// </summary>
internal sealed class RequestResolver(CompileScope scope, IdentifierName name, string prefix, IJoinSink sink, bool isMainPass)
{
    private IReadOnlyList<string> Segments => name.Segments;

    public SqlOperand Resolve()
    {
        PathWalker.ValidateSegments(name.Text, Segments.Skip(1));
        var area = Segments.Count > 1 ? Segments[1] : "";
        return area switch
        {
            "context" when Segments.Count == 2 => Lookup(true, scope.Request.Context),
            "method" when Segments.Count == 2 => Lookup(true, scope.Request.Method),
            "headers" when Segments.Count == 3 => Lookup(scope.Request.Headers.TryGetValue(Segments[2], out var header), header),
            "query" when Segments.Count == 3 => Lookup(scope.Request.Query.TryGetValue(Segments[2], out var query), query),
            "body" when Segments.Count >= 3 => Body(),
            "auth" when Segments.Count >= 3 => Auth(),
            _ => throw new FilterBindException($"unknown identifier '{name.Text}'"),
        };
    }

    private SqlOperand Value(object? value) =>
        OperandResolver.ApplyValueModifier(name, SqlOperand.Param(RequestValues.ToBindable(value)));

    private SqlOperand Lookup(bool found, string? value) =>
        name.Modifier == "isset" ? SqlOperand.Bool(found) : Value(value);

    private SqlOperand Body()
    {
        var key = Segments[2];
        var rest = Segments.Skip(3).ToList();
        var found = scope.Request.Body.TryGetValue(key, out var raw);
        var field = scope.Collection.FindField(key);
        switch (name.Modifier)
        {
            case "isset" when rest.Count == 0 || field is not { Type: "relation" }:
                // As upstream, a nested key is set when its whole path exists (even with a null value).
                return SqlOperand.Bool(found && RequestValues.HasPath(raw, rest));
            case "changed" when rest.Count == 0 && field is not null:
                return Changed(found, key);
            case "isset" or "changed":
                throw new FilterBindException($"':{name.Modifier}' needs a submitted field of the collection, e.g. @request.body.title:{name.Modifier}");
        }

        if (rest.Count > 0 && field is { Type: "relation" })
        {
            return BodyRelation(field, raw, rest);
        }

        // As upstream, :length and :each need a select, file or relation field of the collection.
        if (name.Modifier is "length" or "each" && (rest.Count > 0 || field is not { Type: "select" or "file" or "relation" }))
        {
            throw new FilterBindException($"':{name.Modifier}' needs a select, file or relation field of the collection ('{name.Text}')");
        }

        var value = rest.Aggregate(raw, RequestValues.Child);
        if (rest.Count == 0 && field is { Type: "number" } && value is string text)
        {
            // A number field submitted as text (multipart forms) compares as a number when it is one, as
            // upstream casts it; other text ("" from an empty form input, "abc") stays text.
            const NumberStyles plain = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
            value = double.TryParse(text, plain, CultureInfo.InvariantCulture, out var number) ? number : text;
        }

        switch (name.Modifier)
        {
            case "length":
                // Counts the raw items, before lists are turned into JSON text for binding.
                return SqlOperand.Param((double)RequestValues.Count(value));
            case not "each":
                return Value(value);
        }

        // As for a field path, :each on a single field iterates without "all" semantics (upstream).
        var items = prefix + "__body_" + key + "__each" + scope.JoinSuffix;
        sink.Add(new SqlJoin(scope.Dialect.JsonEach(scope.Bind(RequestValues.ToJsonArray(value))), scope.Quote(items), null), multipliesRows: true);
        return SqlOperand.Expression(scope.Column(items, "value")) with { IsMulti = field!.Multiple };
    }

    // ":changed" is "submitted and different from the stored value".
    private SqlOperand Changed(bool found, string key)
    {
        if (!found || !isMainPass)
        {
            return SqlOperand.Bool(false);
        }

        var differs = new ComparisonNode(new IdentifierOperand("@request.body." + key), ComparisonOperator.NotEqual, false, new IdentifierOperand(key));
        return SqlOperand.Expression($"(CASE WHEN {FilterSqlBuilder.Build(differs, scope)} THEN 1 ELSE 0 END)");
    }

    private SqlOperand BodyRelation(Schema.FieldSchema field, object? raw, List<string> rest)
    {
        var target = (field.RelationCollectionId is null ? null : scope.Schema.FindCollection(field.RelationCollectionId))
            ?? throw new FilterBindException($"the related collection of '{field.Name}' does not exist");
        var walker = new PathWalker(scope, sink, isMainPass);
        walker.CountHop();
        var alias = prefix + "__body_" + field.Name + scope.JoinSuffix;
        if (field.Multiple)
        {
            var items = alias + "__ids";
            sink.Add(new SqlJoin(scope.Dialect.JsonEach(scope.Bind(RequestValues.ToJsonArray(raw))), scope.Quote(items), null), multipliesRows: true);
            sink.Add(new SqlJoin(scope.Quote(target.Name), scope.Quote(alias), $"{scope.Column(alias, "id")} = {scope.Column(items, "value")}"), multipliesRows: true);
        }
        else
        {
            sink.Add(new SqlJoin(scope.Quote(target.Name), scope.Quote(alias), $"{scope.Column(alias, "id")} = {scope.Bind(RequestValues.ToBindable(raw))}"), multipliesRows: false);
        }

        var path = walker.WalkRequestPath(target, alias, rest, name.Modifier == "each", startsMulti: field.Multiple);
        return path is null ? SqlOperand.Null : OperandResolver.ApplyColumnModifier(name, path, scope.Dialect);
    }

    private SqlOperand Auth()
    {
        var auth = scope.Request.Auth;
        if (name.Modifier is "isset" or "changed")
        {
            throw new FilterBindException($"':{name.Modifier}' cannot be used with '{name.Text}'");
        }

        if (auth is null)
        {
            return SqlOperand.Null;
        }

        var key = Segments[2];
        if (Segments.Count == 3 && name.Modifier is null or "lower")
        {
            switch (key)
            {
                case "id":
                    return Value(auth.Id);
                case "collectionId":
                    return Value(auth.CollectionId);
                case "collectionName":
                    return Value(auth.CollectionName);
            }

            if (auth.Fields.TryGetValue(key, out var stored))
            {
                return Value(stored);
            }
        }

        // Any other field (or a path through it) is read from the auth record's own row.
        var collection = scope.Schema.FindCollection(auth.CollectionId)
            ?? throw new FilterBindException($"the auth collection '{auth.CollectionName}' does not exist");
        var alias = prefix + "__auth_" + collection.Name + scope.JoinSuffix;
        sink.Add(new SqlJoin(scope.Quote(collection.Name), scope.Quote(alias), $"{scope.Column(alias, "id")} = {scope.Bind(auth.Id)}"), multipliesRows: false);
        var path = new PathWalker(scope with { Access = FilterAccess.Rule }, sink, isMainPass)
            .WalkRequestPath(collection, alias, Segments.Skip(2).ToList(), name.Modifier == "each", startsMulti: false);
        return path is null ? SqlOperand.Null : OperandResolver.ApplyColumnModifier(name, path, scope.Dialect);
    }
}
