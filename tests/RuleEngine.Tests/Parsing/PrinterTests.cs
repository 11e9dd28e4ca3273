using static PocketBaseSharp.RuleEngine.Tests.Parsing.AstBuilders;

namespace PocketBaseSharp.RuleEngine.Tests.Parsing;

public sealed class PrinterTests
{
    [TestCase("a=1", "a = 1")]
    [TestCase("a ?!~ \"x\"", "a ?!~ 'x'")]
    [TestCase("a = 'It\\'s'", "a = 'It\\'s'")]
    [TestCase("a = \"say \\\"hi\\\"\"", "a = 'say \"hi\"'")]
    [TestCase("a = 1 || b = 2 && c = 3", "a = 1 || b = 2 && c = 3")]
    [TestCase("(a = 1 || b = 2) && c = 3", "(a = 1 || b = 2) && c = 3")]
    [TestCase("a = 1 && (b = 2 && c = 3)", "a = 1 && (b = 2 && c = 3)")]
    [TestCase("((a = 1)) // c", "a = 1")]
    [TestCase("a = f(1,g('x'),)", "a = f(1, g('x'))")]
    [TestCase("a = -1.5", "a = -1.5")]
    public void Print_GivesCanonicalText(string expression, string canonical) =>
        Assert.That(FilterPrinter.Print(FilterParser.Parse(expression)), Is.EqualTo(canonical));

    [Test]
    public void Print_Operand() =>
        Assert.That(FilterPrinter.Print(Call("geoDistance", Id("a.b"), Num("1"), Text("x"))), Is.EqualTo("geoDistance(a.b, 1, 'x')"));
}
