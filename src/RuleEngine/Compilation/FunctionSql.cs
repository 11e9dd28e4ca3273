using PocketBaseSharp.RuleEngine.Ast;

namespace PocketBaseSharp.RuleEngine.Compilation;

/// <summary>The two functions of the language: <c>geoDistance</c> and <c>strftime</c>.</summary>
internal static class FunctionSql
{
    public const int MaxStrftimeArguments = 10;

    public static SqlOperand Build(FunctionOperand function, OperandResolver resolver, CompileScope scope) => function.Name switch
    {
        "geoDistance" => GeoDistance(function, resolver, scope),
        "strftime" => Strftime(function, resolver, scope),
        _ => throw new FilterBindException($"unknown function '{function.Name}' (known: geoDistance, strftime)"),
    };

    // Spherical law of cosines in kilometres; paths with several values behave as "any".
    private static SqlOperand GeoDistance(FunctionOperand function, OperandResolver resolver, CompileScope scope)
    {
        if (function.Arguments.Count != 4)
        {
            throw new FilterBindException("geoDistance needs 4 arguments: lonA, latA, lonB, latB");
        }

        var args = function.Arguments.Select(resolver.Resolve).ToList();
        var sql = args.Select(scope.Write).ToList();
        var (lonA, latA, lonB, latB) = (sql[0], sql[1], sql[2], sql[3]);
        var expression = $"(6371 * acos(cos(radians({latA})) * cos(radians({latB})) * cos(radians({lonB}) - radians({lonA})) + sin(radians({latA})) * sin(radians({latB}))))";
        return SqlOperand.Expression(expression) with { NoCoalesce = true, Constraints = args.SelectMany(a => a.Constraints).ToList() };
    }

    private static SqlOperand Strftime(FunctionOperand function, OperandResolver resolver, CompileScope scope)
    {
        var args = function.Arguments;
        if (args.Count is < 1 or > MaxStrftimeArguments)
        {
            throw new FilterBindException($"strftime needs 1 to {MaxStrftimeArguments} arguments");
        }

        if (args.Where((arg, i) => i != 1 && arg is not TextOperand).Any())
        {
            throw new FilterBindException("strftime's format and modifiers must be text literals");
        }

        var resolved = args.Select(resolver.Resolve).ToList();
        var expression = $"strftime({string.Join(", ", resolved.Select(scope.Write))})";
        return SqlOperand.Expression(expression) with { Constraints = resolved.SelectMany(a => a.Constraints).ToList() };
    }
}
