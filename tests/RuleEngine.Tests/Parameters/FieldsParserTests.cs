namespace PocketBaseSharp.RuleEngine.Tests.Parameters;

public sealed class FieldsParserTests
{
    private static string[] Render(string fields) => FieldsParser.Parse(fields).Select(f => f.ToString()).ToArray();

    [TestCase("*", new[] { "*" })]
    [TestCase("id,title", new[] { "id", "title" })]
    [TestCase(" id , title ", new[] { "id", "title" })]
    [TestCase("expand.author.name", new[] { "expand.author.name" })]
    [TestCase("meta.*", new[] { "meta.*" })]
    [TestCase("*,expand.*.id", new[] { "*", "expand.*.id" })]
    [TestCase("id,,title,", new[] { "id", "title" })]
    [TestCase("", new string[0])]
    [TestCase("*,description:excerpt(200,true)", new[] { "*", "description:excerpt(200,True)" })]
    [TestCase("description:excerpt(200)", new[] { "description:excerpt(200,False)" })]
    [TestCase("description:excerpt( 10 , 1 )", new[] { "description:excerpt(10,True)" })]
    [TestCase("a:excerpt(5,f),b", new[] { "a:excerpt(5,False)", "b" })]
    [TestCase("expand.post.body:excerpt(3,T)", new[] { "expand.post.body:excerpt(3,True)" })]
    public void Parse_ValidFields(string fields, string[] expected) =>
        Assert.That(Render(fields), Is.EqualTo(expected));

    [Test]
    public void Parse_ReturnsSegmentsAndExcerpt()
    {
        var selector = FieldsParser.Parse("expand.author.bio:excerpt(20,true)").Single();
        Assert.That(selector, Is.EqualTo(new FieldSelector(["expand", "author", "bio"], new ExcerptModifier(20, true))));
    }

    [TestCase("title:foo", "unexpected 'foo' at 6, expected excerpt(max) or excerpt(max, withEllipsis)")]
    [TestCase("title:excerpt(0)", "unexpected '0' at 6, expected a positive excerpt length")]
    [TestCase("title:excerpt(x)", "unexpected 'x' at 6, expected a positive excerpt length")]
    [TestCase("title:excerpt(5,maybe)", "unexpected 'maybe' at 6, expected true or false")]
    [TestCase("title:excerpt(5", "unexpected 'excerpt(5' at 6, expected excerpt(max) or excerpt(max, withEllipsis)")]
    [TestCase("id, a..b", "unexpected 'a..b' at 4, expected a field path such as title, expand.author.name or *")]
    [TestCase("a-b", "unexpected 'a-b' at 0, expected a field path such as title, expand.author.name or *")]
    [TestCase(".a", "unexpected '.a' at 0, expected a field path such as title, expand.author.name or *")]
    public void Parse_Invalid_ThrowsSyntaxError(string fields, string message)
    {
        var error = Assert.Throws<FilterSyntaxException>(() => FieldsParser.Parse(fields));
        Assert.That(error.Message, Is.EqualTo(message));
    }
}
