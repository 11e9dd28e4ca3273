namespace PocketBaseSharp.RuleEngine.Tests.Parameters;

public sealed class SortParserTests
{
    [Test]
    public void Parse_DirectionsAndPaths() =>
        Assert.That(SortParser.Parse("-created, +title,author.name,@random,-@rowid"), Is.EqualTo(new[]
        {
            new SortItem("created", true),
            new SortItem("title", false),
            new SortItem("author.name", false),
            new SortItem("@random", false),
            new SortItem("@rowid", true),
        }));

    [TestCase("")]
    [TestCase(" , ,")]
    public void Parse_Empty_GivesNoItems(string sort) =>
        Assert.That(SortParser.Parse(sort), Is.Empty);

    [TestCase("title DESC", "unexpected 'title DESC' at 0, expected a field path such as created, author.name or @random")]
    [TestCase("id,-", "unexpected end of item at 3, expected a field path such as created, author.name or @random")]
    [TestCase("id, --title", "unexpected '-title' at 4, expected a field path such as created, author.name or @random")]
    [TestCase("a.", "unexpected 'a.' at 0, expected a field path such as created, author.name or @random")]
    [TestCase("a;drop", "unexpected 'a;drop' at 0, expected a field path such as created, author.name or @random")]
    public void Parse_Invalid_ThrowsSyntaxError(string sort, string message)
    {
        var error = Assert.Throws<FilterSyntaxException>(() => SortParser.Parse(sort));
        Assert.That(error.Message, Is.EqualTo(message));
    }
}
