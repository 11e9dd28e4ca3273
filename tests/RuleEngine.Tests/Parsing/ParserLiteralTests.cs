using PocketBaseSharp.RuleEngine.Ast;
using static PocketBaseSharp.RuleEngine.Tests.Parsing.AstBuilders;

namespace PocketBaseSharp.RuleEngine.Tests.Parsing;

public sealed class ParserLiteralTests
{
    private static Operand Right(string expression) => ((ComparisonNode)FilterParser.Parse(expression)).Right;

    [TestCase("'abc'", "abc")]
    [TestCase("\"abc\"", "abc")]
    [TestCase("''", "")]
    [TestCase("\"\"", "")]
    [TestCase("'It\\'s'", "It's")]
    [TestCase("\"say \\\"hi\\\"\"", "say \"hi\"")]
    [TestCase("'a\\nb'", "a\\nb")]
    [TestCase("'a\\\"b'", "a\\\"b")]
    [TestCase("\"a\\'b\"", "a\\'b")]
    [TestCase("'double \"inside\" single'", "double \"inside\" single")]
    [TestCase("\"single 'inside' double\"", "single 'inside' double")]
    [TestCase("'with // not a comment'", "with // not a comment")]
    [TestCase("'&& || ( ) = ~'", "&& || ( ) = ~")]
    [TestCase("'multi\nline'", "multi\nline")]
    [TestCase("'ünïcødé ✓'", "ünïcødé ✓")]
    [TestCase("'a\\\\b'", "a\\\\b")]
    public void Parse_Text_IsUnescapedOnlyForTheSameQuote(string literal, string value) =>
        Assert.That(Right("a = " + literal), Is.EqualTo(Text(value)));

    [TestCase("10", 10d)]
    [TestCase("-1", -1d)]
    [TestCase("3.5", 3.5)]
    [TestCase("-0.25", -0.25)]
    [TestCase("0", 0d)]
    [TestCase("007", 7d)]
    [TestCase("123456789012", 123456789012d)]
    public void Parse_Number_KeepsTextAndValue(string literal, double value)
    {
        var number = (NumberOperand)Right("a > " + literal);
        Assert.That((number.Text, number.Value), Is.EqualTo((literal, value)));
    }

    [TestCase(".5")]
    [TestCase("5.")]
    [TestCase("1.2.3")]
    [TestCase("-.5")]
    public void Parse_InvalidNumber_IsASyntaxError(string literal)
    {
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse("a > " + literal));
        Assert.That((error.Position, error.Found), Is.EqualTo((4, $"'{literal}'")));
    }

    [TestCase("title")]
    [TestCase("author.name")]
    [TestCase("@request.auth.id")]
    [TestCase("tags:length")]
    [TestCase("@collection.users:u.email")]
    [TestCase("_private")]
    [TestCase("#hash")]
    [TestCase("a1.b2_c3")]
    [TestCase("@now")]
    [TestCase("true")]
    [TestCase("NULL")]
    [TestCase("meta.items.0.x")]
    [TestCase("ñame")]
    public void Parse_Identifier_KeepsItsFullName(string identifier) =>
        Assert.That(Right("a = " + identifier), Is.EqualTo(Id(identifier)));

    [TestCase("tags:isset")]
    [TestCase("tags:changed")]
    [TestCase("tags:length")]
    [TestCase("tags:each")]
    [TestCase("tags:lower")]
    [TestCase("tags:unknown")]
    public void Parse_Modifier_IsPartOfTheIdentifier(string identifier) =>
        Assert.That(((ComparisonNode)FilterParser.Parse(identifier + " = 1")).Left, Is.EqualTo(Id(identifier)));

    [TestCase("@now")]
    [TestCase("@yesterday")]
    [TestCase("@tomorrow")]
    [TestCase("@todayStart")]
    [TestCase("@todayEnd")]
    [TestCase("@monthStart")]
    [TestCase("@monthEnd")]
    [TestCase("@yearStart")]
    [TestCase("@yearEnd")]
    [TestCase("@second")]
    [TestCase("@minute")]
    [TestCase("@hour")]
    [TestCase("@day")]
    [TestCase("@month")]
    [TestCase("@weekday")]
    [TestCase("@year")]
    public void Parse_Macro_IsAnIdentifier(string macro) =>
        Assert.That(Right("created < " + macro), Is.EqualTo(Id(macro)));

    [TestCase("a.")]
    [TestCase("a:")]
    [TestCase("@")]
    [TestCase("_")]
    [TestCase("#")]
    [TestCase("a.b.")]
    public void Parse_InvalidIdentifier_IsASyntaxError(string identifier)
    {
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse(identifier + " = 1"));
        Assert.That((error.Position, error.Found), Is.EqualTo((0, $"'{identifier}'")));
    }

    [Test]
    public void Parse_Function_WithArguments() =>
        Assert.That(
            Right("a < geoDistance(location.lon, location.lat, 23.32, -42.69)"),
            Is.EqualTo(Call("geoDistance", Id("location.lon"), Id("location.lat"), Num("23.32"), Num("-42.69"))));

    [Test]
    public void Parse_Function_WithoutArguments() =>
        Assert.That(Right("a = f()"), Is.EqualTo(Call("f")));

    [Test]
    public void Parse_Function_TrailingCommaAllowed() =>
        Assert.That(Right("a = strftime('%Y', created,)"), Is.EqualTo(Call("strftime", Text("%Y"), Id("created"))));

    [Test]
    public void Parse_Function_CommentsAndNewlinesBetweenArguments() =>
        Assert.That(Right("a = strftime(\n  '%Y', // the year\n  created\n)"), Is.EqualTo(Call("strftime", Text("%Y"), Id("created"))));

    [Test]
    public void Parse_Function_NestedThreeLevels() =>
        Assert.That(Right("a = f(g(h(1)))"), Is.EqualTo(Call("f", Call("g", Call("h", Num("1"))))));

    [Test]
    public void Parse_Function_NestedFourLevels_IsRejected()
    {
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse("a = f(g(h(i(1))))"));
        Assert.That(error.Position, Is.EqualTo(10));
    }

    [Test]
    public void Parse_Function_SpaceBeforeParen_IsNotACall() =>
        Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse("a = f (1)"));

    [Test]
    public void Parse_Function_AsLeftOperand() =>
        Assert.That(((ComparisonNode)FilterParser.Parse("strftime('%Y', created) = '2024'")).Left, Is.EqualTo(Call("strftime", Text("%Y"), Id("created"))));
}
