using FsCheck;
using FsCheck.Fluent;
using PocketBaseSharp.RuleEngine.Ast;

namespace PocketBaseSharp.RuleEngine.Tests.Properties;

/// <summary>FsCheck generators for syntax trees, schema-valid filters and hostile raw text.</summary>
internal static class FilterGenerators
{
    /// <summary>Marks generated literal text, so a leak into SQL is easy to spot.</summary>
    public const char Marker = '⚑';

    private static readonly ComparisonOperator[] Operators = Enum.GetValues<ComparisonOperator>();

    private static Gen<string> StringOf(string alphabet, int min, int max) =>
        from length in Gen.Choose(min, max)
        from chars in Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), length)
        select new string(chars);

    public static Gen<string> Identifier { get; } =
        from first in Gen.Elements("abcxyzAZ_@#ñ".ToCharArray())
        from middle in StringOf("abz019_.:é", 0, 8)
        from last in Gen.Elements("aq7_Z".ToCharArray())
        select first + middle + last;

    public static Gen<string> Number { get; } =
        from minus in Gen.Elements("", "-")
        from whole in StringOf("0123456789", 1, 6)
        from fraction in Gen.OneOf(Gen.Constant(""), StringOf("0123456789", 1, 4).Select(f => "." + f))
        select minus + whole + fraction;

    /// <summary>Any text the grammar can express: quotes, backslashes, newlines, unicode; never a trailing backslash.</summary>
    public static Gen<string> Text { get; } =
        StringOf("ab '\"\\\n\t%_é✓()&|=~/", 0, 12).Select(s => s.EndsWith('\\') ? s + "x" : s);

    private static Gen<Operand> Operand(int depth)
    {
        var leaves = Gen.OneOf(
            Identifier.Select(name => (Operand)new IdentifierOperand(name)),
            Text.Select(value => (Operand)new TextOperand(value)),
            Number.Select(text => (Operand)new NumberOperand(text)));
        if (depth >= TokenParserLimits.MaxFunctionDepth)
        {
            return leaves;
        }

        var call =
            from name in Identifier
            from count in Gen.Choose(0, 3)
            from args in Gen.ListOf(Operand(depth + 1), count)
            select (Operand)new FunctionOperand(name, args.ToList());
        return Gen.Frequency((4, leaves), (1, call));
    }

    private static Gen<FilterNode> Comparison { get; } =
        from left in Operand(0)
        from op in Gen.Elements(Operators)
        from anyOf in Gen.Elements(false, true)
        from right in Operand(0)
        select (FilterNode)new ComparisonNode(left, op, anyOf, right);

    private static Gen<FilterNode> Tree(int size) => size <= 1
        ? Comparison
        : Gen.Frequency(
            (1, Comparison),
            (3, from op in Gen.Elements(LogicalOperator.And, LogicalOperator.Or)
                from left in Tree(size / 2)
                from right in Tree(size / 2)
                select (FilterNode)new LogicalNode(op, left, right)));

    public static Arbitrary<FilterNode> Trees { get; } = Gen.Sized(size => Tree(Math.Min(size, 24))).ToArbitrary();

    /// <summary>Random text over the characters that matter to the grammar.</summary>
    public static Arbitrary<string> RawText { get; } = StringOf("a_b.:@#1-(),'\"\\ =!?<>~&|/\n\t\rxé", 0, 40).ToArbitrary();

    /// <summary>A valid printed filter with a few characters deleted, inserted or replaced.</summary>
    public static Arbitrary<string> MutatedFilters { get; } =
        (from tree in Gen.Sized(size => Tree(Math.Min(size, 12)))
         from edits in Gen.ListOf(Edit, 3)
         select Mutate(FilterPrinter.Print(tree), edits)).ToArbitrary();

    private static readonly Gen<(int Kind, int Where, char With)> Edit =
        from kind in Gen.Choose(0, 2)
        from at in Gen.Choose(0, 10_000)
        from character in Gen.Elements("()'\"\\=&|!?.,:@ x-/\n".ToCharArray())
        select (kind, at, character);

    private static string Mutate(string text, IEnumerable<(int Kind, int Where, char With)> edits)
    {
        foreach (var (kind, where, with) in edits)
        {
            var at = text.Length == 0 ? 0 : where % text.Length;
            text = kind switch
            {
                0 when text.Length > 0 => text.Remove(at, 1),
                1 => text.Insert(at, with.ToString()),
                _ when text.Length > 0 => text.Remove(at, 1).Insert(at, with.ToString()),
                _ => text,
            };
        }

        return text;
    }

    private static readonly string[] PostPaths =
    [
        "title", "status", "tags", "tags:each", "tags:length", "views", "published", "author", "author.name", "author.id",
        "editors", "editors.id", "editors.name", "editors:length", "comments_via_post.user", "comments_via_post.user.name",
        "meta.a.b", "meta.flags.1", "location.lat", "created", "title:lower", "@request.auth.id", "@request.auth.role",
        "@request.query.lang", "@request.headers.x_token", "@request.body.title", "@collection.comments.user", "@now", "true", "null",
    ];

    private static Gen<string> SchemaOperand { get; } = Gen.Frequency(
        (3, Gen.Elements(PostPaths)),
        (2, Text.Select(t => "'" + Marker + t.Replace("'", "\\'", StringComparison.Ordinal) + "'")),
        (1, StringOf("123456789", 6, 8).Select(n => "9" + n)));

    private static Gen<string> SchemaComparison { get; } =
        from left in SchemaOperand
        from op in Gen.Elements(Operators)
        from anyOf in Gen.Elements(false, true)
        from right in SchemaOperand
        select $"{left} {ComparisonOperatorText.Symbol(op, anyOf)} {right}";

    /// <summary>Filters valid against the §8 posts schema, with marked text literals and long numbers.</summary>
    public static Arbitrary<string> SchemaFilters { get; } =
        (from count in Gen.Choose(1, 5)
         from parts in Gen.ListOf(SchemaComparison, count)
         from joins in Gen.ListOf(Gen.Elements(" && ", " || "), count)
         select string.Concat(parts.Select((part, i) => (i == 0 ? "" : joins[i]) + (i % 3 == 2 ? "(" + part + ")" : part)))).ToArbitrary();
}
