using PocketBaseSharp.RuleEngine.Ast;
using static PocketBaseSharp.RuleEngine.Tests.Parsing.AstBuilders;

namespace PocketBaseSharp.RuleEngine.Tests.Parsing;

public sealed class ParserOperatorTests
{
    [TestCase("=", ComparisonOperator.Equal, false)]
    [TestCase("!=", ComparisonOperator.NotEqual, false)]
    [TestCase(">", ComparisonOperator.Greater, false)]
    [TestCase(">=", ComparisonOperator.GreaterOrEqual, false)]
    [TestCase("<", ComparisonOperator.Less, false)]
    [TestCase("<=", ComparisonOperator.LessOrEqual, false)]
    [TestCase("~", ComparisonOperator.Like, false)]
    [TestCase("!~", ComparisonOperator.NotLike, false)]
    [TestCase("?=", ComparisonOperator.Equal, true)]
    [TestCase("?!=", ComparisonOperator.NotEqual, true)]
    [TestCase("?>", ComparisonOperator.Greater, true)]
    [TestCase("?>=", ComparisonOperator.GreaterOrEqual, true)]
    [TestCase("?<", ComparisonOperator.Less, true)]
    [TestCase("?<=", ComparisonOperator.LessOrEqual, true)]
    [TestCase("?~", ComparisonOperator.Like, true)]
    [TestCase("?!~", ComparisonOperator.NotLike, true)]
    public void Parse_EachOperator_GivesComparison(string symbol, ComparisonOperator op, bool anyOf)
    {
        Assert.That(FilterParser.Parse($"a {symbol} 1"), Is.EqualTo(Cmp(Id("a"), op, Num("1"), anyOf)));
        Assert.That(FilterParser.Parse($"a{symbol}1"), Is.EqualTo(Cmp(Id("a"), op, Num("1"), anyOf)), "no spaces needed");
    }

    [TestCase("==")]
    [TestCase("=!")]
    [TestCase("<>")]
    [TestCase("??=")]
    [TestCase("=~")]
    [TestCase("!")]
    [TestCase("?")]
    [TestCase("!==")]
    public void Parse_InvalidOperator_ReportsIt(string symbol)
    {
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse($"a {symbol} 1"));
        Assert.That((error.Position, error.Found), Is.EqualTo((2, $"'{symbol}'")));
    }

    [Test]
    public void Parse_AndBindsTighterThanOr() =>
        Assert.That(FilterParser.Parse("a = 'x' || b = 'y' && c = 'z'"), Is.EqualTo(Or(Eq("a", "x"), And(Eq("b", "y"), Eq("c", "z")))));

    [Test]
    public void Parse_AndThenOr_GroupsAndFirst() =>
        Assert.That(FilterParser.Parse("a = 'x' && b = 'y' || c = 'z'"), Is.EqualTo(Or(And(Eq("a", "x"), Eq("b", "y")), Eq("c", "z"))));

    [Test]
    public void Parse_Parentheses_OverridePrecedence() =>
        Assert.That(FilterParser.Parse("(a = 'x' || b = 'y') && c = 'z'"), Is.EqualTo(And(Or(Eq("a", "x"), Eq("b", "y")), Eq("c", "z"))));

    [Test]
    public void Parse_Chains_AreLeftNested() =>
        Assert.That(FilterParser.Parse("a = 'x' && b = 'y' && c = 'z'"), Is.EqualTo(And(And(Eq("a", "x"), Eq("b", "y")), Eq("c", "z"))));

    [Test]
    public void Parse_RightGroup_StaysRightNested() =>
        Assert.That(FilterParser.Parse("a = 'x' && (b = 'y' && c = 'z')"), Is.EqualTo(And(Eq("a", "x"), And(Eq("b", "y"), Eq("c", "z")))));

    [Test]
    public void Parse_RedundantParentheses_LeaveNoTrace() =>
        Assert.That(FilterParser.Parse("((((a = 'x'))))"), Is.EqualTo(Eq("a", "x")));

    [Test]
    public void Parse_NestedGroups_KeepTheirShape() =>
        Assert.That(
            FilterParser.Parse("(a = 'x' || (b = 'y' && (c = 'z' || d = 'w')))"),
            Is.EqualTo(Or(Eq("a", "x"), And(Eq("b", "y"), Or(Eq("c", "z"), Eq("d", "w"))))));

    [Test]
    public void Parse_JoinsWithoutSpaces_Work() =>
        Assert.That(FilterParser.Parse("a='x'&&b='y'||c='z'"), Is.EqualTo(Or(And(Eq("a", "x"), Eq("b", "y")), Eq("c", "z"))));

    [Test]
    public void Parse_OperandsOfEveryKind_OnEitherSide() =>
        Assert.That(FilterParser.Parse("'x' = @request.auth.id"), Is.EqualTo(Cmp(Text("x"), ComparisonOperator.Equal, Id("@request.auth.id"))));

    [Test]
    public void Parse_LiteralOnBothSides_IsAllowed() =>
        Assert.That(FilterParser.Parse("1 = 1"), Is.EqualTo(Cmp(Num("1"), ComparisonOperator.Equal, Num("1"))));
}
