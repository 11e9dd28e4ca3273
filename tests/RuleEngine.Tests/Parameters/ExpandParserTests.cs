namespace PocketBaseSharp.RuleEngine.Tests.Parameters;

public sealed class ExpandParserTests
{
    private static string[] Render(string expand) => ExpandParser.Parse(expand).Select(p => string.Join('.', p)).ToArray();

    [TestCase("author", new[] { "author" })]
    [TestCase("author,comments_via_post.user", new[] { "author", "comments_via_post.user" })]
    [TestCase(" author , editors ", new[] { "author", "editors" })]
    [TestCase("author,author", new[] { "author" })]
    [TestCase("author,author.org", new[] { "author.org" })]
    [TestCase("author.org,author", new[] { "author.org" })]
    [TestCase(".author.org.", new[] { "author.org" })]
    [TestCase("a..b", new[] { "a.b" })]
    [TestCase("", new string[0])]
    [TestCase(",,", new string[0])]
    [TestCase("a.b.c.d.e.f.g.h", new[] { "a.b.c.d.e.f" })]
    [TestCase("a.b,a.c", new[] { "a.b", "a.c" })]
    [TestCase("ab,a", new[] { "ab", "a" })]
    public void Parse_NormalisesPaths(string expand, string[] expected) =>
        Assert.That(Render(expand), Is.EqualTo(expected));

    [Test]
    public void Parse_ReturnsSegments() =>
        Assert.That(ExpandParser.Parse("comments_via_post.user")[0], Is.EqualTo(new[] { "comments_via_post", "user" }));
}
