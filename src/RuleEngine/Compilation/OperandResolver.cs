using PocketBaseSharp.RuleEngine.Ast;
using PocketBaseSharp.RuleEngine.Schema;
using PocketBaseSharp.RuleEngine.Sql;

namespace PocketBaseSharp.RuleEngine.Compilation;

/// <summary>
/// Binds one operand: literals become parameters, keywords literals, identifiers are resolved
/// through the schema (field paths, <c>@collection</c>) or the request (<c>@request.*</c>, macros).
/// A multi-valued path is resolved twice: once into the main query, once into a private subquery
/// copy used to enforce "all" semantics.
/// </summary>
internal sealed class OperandResolver(CompileScope scope)
{
    private const string SubqueryPrefix = "__mm_";

    public SqlOperand Resolve(Operand operand) => operand switch
    {
        TextOperand text => SqlOperand.Param(text.Value),
        NumberOperand number => SqlOperand.Param(number.Value),
        FunctionOperand function => FunctionSql.Build(function, this, scope),
        IdentifierOperand identifier => ResolveIdentifier(identifier.Name),
        _ => throw new FilterBindException("unsupported operand"),
    };

    private SqlOperand ResolveIdentifier(string text)
    {
        switch (text.ToLowerInvariant())
        {
            case "true":
                return SqlOperand.Bool(true);
            case "false":
                return SqlOperand.Bool(false);
            case "null":
                return SqlOperand.Null;
        }

        var name = IdentifierName.Split(text);
        var main = Resolve(name, "", new ContextJoinSink(scope.Ctx), isMainPass: true);
        if (!main.IsMulti)
        {
            return main;
        }

        var sink = new ListJoinSink();
        var copy = Resolve(name, SubqueryPrefix, sink, isMainPass: false);
        var inner = SubqueryPrefix + scope.BaseAlias;
        var joins = string.Concat(sink.Joins.Select(j => " " + j.ToSql()));
        var select = $"SELECT {copy.Sql} AS {scope.Quote("__v")} FROM {scope.Quote(scope.Collection.Name)} {scope.Quote(inner)}{joins}"
            + $" WHERE {scope.Column(inner, "id")} = {scope.Column(scope.BaseAlias, "id")}";
        return main with { MultiSelect = select };
    }

    private SqlOperand Resolve(IdentifierName name, string prefix, IJoinSink sink, bool isMainPass)
    {
        var first = name.Segments[0];
        if (first == "@request")
        {
            return new RequestResolver(scope, name, prefix, sink, isMainPass).Resolve();
        }

        if (first == "@collection")
        {
            return ResolveCollection(name, prefix, sink, isMainPass);
        }

        if (first.StartsWith('@') || first.StartsWith('#'))
        {
            if (name.Segments.Count == 1 && DateMacros.TryGet(first, scope.Request.Now, out var value))
            {
                return ApplyValueModifier(name, SqlOperand.Param(value));
            }

            throw new FilterBindException($"unknown identifier '{name.Text}'");
        }

        PathWalker.ValidateSegments(name.Text, name.Segments);
        var walker = new PathWalker(scope, sink, isMainPass);
        var path = walker.Walk(scope.Collection, prefix + scope.BaseAlias, name.Segments, name.Modifier == "each", startsMulti: false);
        return ApplyColumnModifier(name, path, scope.Dialect);
    }

    private SqlOperand ResolveCollection(IdentifierName name, string prefix, IJoinSink sink, bool isMainPass)
    {
        if (name.Segments.Count < 3)
        {
            throw new FilterBindException($"'{name.Text}' needs a field, e.g. @collection.users.name");
        }

        var reference = name.Segments[1].Split(':');
        PathWalker.ValidateSegments(name.Text, reference.Concat(name.Segments.Skip(2)));
        if (reference.Length > 2)
        {
            throw new FilterBindException($"invalid collection reference in '{name.Text}'");
        }

        var collection = scope.Schema.FindCollection(reference[0])
            ?? throw new FilterBindException($"unknown collection '{reference[0]}' in '{name.Text}'");
        var alias = prefix + (reference.Length == 1 ? "__collection_" + collection.Name : "__collection_alias_" + reference[1]) + scope.JoinSuffix;
        sink.Add(new SqlJoin(scope.Quote(collection.Name), scope.Quote(alias), null), multipliesRows: true);
        var walker = new PathWalker(scope, sink, isMainPass);
        walker.ConstrainJoin(collection, alias);
        var path = walker.Walk(collection, alias, name.Segments.Skip(2).ToList(), name.Modifier == "each", startsMulti: true);
        return ApplyColumnModifier(name, path, scope.Dialect);
    }

    /// <summary>
    /// Applies <c>:lower</c>/<c>:length</c> to a database value (<c>:each</c> was applied by the walk).
    /// As upstream, <c>:length</c> on a field that cannot hold items leaves the value unchanged.
    /// </summary>
    public static SqlOperand ApplyColumnModifier(IdentifierName name, PathValue path, ISqlDialect dialect)
    {
        var length = name.Modifier == "length" && path.HoldsItems;
        var sql = name.Modifier switch
        {
            null or "each" => path.Sql,
            "lower" => $"LOWER({path.Sql})",
            "length" => length ? dialect.JsonArrayLength(path.Sql) : path.Sql,
            _ => throw new FilterBindException($"':{name.Modifier}' can only be used with @request.body, @request.query or @request.headers ('{name.Text}')"),
        };
        return SqlOperand.Expression(sql) with
        {
            NoCoalesce = path.NoCoalesce && !length,
            IsMulti = path.IsMulti,
            Constraints = path.Constraints,
        };
    }

    /// <summary>Applies <c>:lower</c> to a value known at compile time; other modifiers do not apply (upstream).</summary>
    public static SqlOperand ApplyValueModifier(IdentifierName name, SqlOperand value) => name.Modifier switch
    {
        null => value,
        "lower" => value.Value is string text ? SqlOperand.Param(text.ToLowerInvariant()) : value,
        _ => throw new FilterBindException($"':{name.Modifier}' cannot be used with '{name.Text}'"),
    };
}
