using static PocketBaseSharp.RuleEngine.Tests.Parsing.AstBuilders;

namespace PocketBaseSharp.RuleEngine.Tests.Parsing;

public sealed class ParserWhitespaceTests
{
    [TestCase("// published only\nstatus = 'x'")]
    [TestCase("status = 'x' // trailing")]
    [TestCase("status // between\n= 'x'")]
    [TestCase("  \t\n status = 'x' \n\t ")]
    [TestCase("status\t=\t'x'")]
    [TestCase("// one\n// two\nstatus = 'x'\n// three")]
    [TestCase("(// inside a group\nstatus = 'x')")]
    public void Parse_CommentsAndWhitespace_AreIgnored(string expression) =>
        Assert.That(FilterParser.Parse(expression), Is.EqualTo(Eq("status", "x")));

    [Test]
    public void Parse_CommentBetweenJoins_IsIgnored() =>
        Assert.That(FilterParser.Parse("a = 'x' // first\n&& b = 'y'"), Is.EqualTo(And(Eq("a", "x"), Eq("b", "y"))));

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\n\t ")]
    [TestCase("// x")]
    [TestCase("// x\n// y\n")]
    public void Parse_OnlyBlankOrComments_IsEmptyFilter(string expression)
    {
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse(expression));
        Assert.That(error.Message, Is.EqualTo($"unexpected end of input (empty filter) at {expression.Length}, expected an expression"));
    }

    [Test]
    public void Parse_CarriageReturn_IsRejectedLikeUpstream()
    {
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse("a = 'x'\r\n&& b = 'y'"));
        Assert.That(error.Message, Is.EqualTo("unexpected carriage return at 7, expected a value, an operator, '&&', '||', '(' or ')'"));
    }

    [Test]
    public void Parse_CommentRunsToTheEndOfTheLineOnly() =>
        Assert.That(FilterParser.Parse("a = 'x' // && b = 'y'\n|| c = 'z'"), Is.EqualTo(Or(Eq("a", "x"), Eq("c", "z"))));
}
