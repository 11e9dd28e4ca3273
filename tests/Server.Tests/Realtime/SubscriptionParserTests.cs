using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

public sealed class SubscriptionParserTests
{
    [Test]
    public void Parse_BareTopic_HasNoOptions()
    {
        var subscription = SubscriptionParser.Parse("posts");

        Assert.That(subscription.Key, Is.EqualTo("posts"));
        Assert.That(subscription.Topic, Is.EqualTo("posts"));
        Assert.That(subscription.Options.IsEmpty, Is.True);
    }

    [Test]
    public void Parse_SdkOptionsSuffix_ReadsQueryAndKeepsKeyVerbatim()
    {
        // What SDK 0.28 sends for subscribe("*", cb, {filter: "x>1", expand: "a"}).
        const string key = "calls/*?options=%7B%22query%22%3A%7B%22filter%22%3A%22x%3E1%22%2C%22expand%22%3A%22a%22%7D%2C%22headers%22%3A%7B%7D%7D";

        var subscription = SubscriptionParser.Parse(key);

        Assert.That(subscription.Key, Is.EqualTo(key));
        Assert.That(subscription.Topic, Is.EqualTo("calls/*"));
        Assert.That(subscription.Options.Filter, Is.EqualTo("x>1"));
        Assert.That(subscription.Options.Expand, Is.EqualTo("a"));
        Assert.That(subscription.Options.Fields, Is.Null);
    }

    [Test]
    public void Parse_HeadersAndNonStringValues_AreNormalised()
    {
        var json = """{"query":{"n":5,"b":true,"z":null,"o":{"k":1}},"headers":{"X-Token":"t","someHeader":"s"}}""";

        var subscription = SubscriptionParser.Parse("posts/abc?options=" + Uri.EscapeDataString(json));

        Assert.That(subscription.Options.Query, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["n"] = "5",
            ["b"] = "true",
            ["z"] = "",
            ["o"] = """{"k":1}""",
        }));
        Assert.That(subscription.Options.Headers, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["x_token"] = "t",
            ["some_header"] = "s",
        }));
    }

    [TestCase("posts?options=%7Bnot-json")]
    [TestCase("posts?options=%5B1%2C2%5D")]
    [TestCase("posts?other=1")]
    [TestCase("posts?")]
    public void Parse_InvalidOrMissingOptions_AreIgnored(string key)
    {
        var subscription = SubscriptionParser.Parse(key);

        Assert.That(subscription.Topic, Is.EqualTo("posts"));
        Assert.That(subscription.Options.IsEmpty, Is.True);
    }

    [Test]
    public void Fingerprint_DependsOnContentNotOrder()
    {
        var a = SubscriptionParser.ParseOptions("""{"query":{"a":"1","b":"2"}}""");
        var b = SubscriptionParser.ParseOptions("""{"query":{"b":"2","a":"1"}}""");
        var c = SubscriptionParser.ParseOptions("""{"headers":{"a":"1","b":"2"}}""");

        Assert.That(a.Fingerprint, Is.EqualTo(b.Fingerprint));
        Assert.That(a.Fingerprint, Is.Not.EqualTo(c.Fingerprint));
        Assert.That(SubscriptionOptions.None.Fingerprint, Is.Empty);
    }

    [TestCase("X-Token", "x_token")]
    [TestCase("Content-Type", "content_type")]
    [TestCase("xApiKey", "x_api_key")]
    [TestCase("ALLCAPS", "allcaps")]
    [TestCase("--odd--", "odd")]
    public void HeaderName_IsSnakeCased(string name, string expected) =>
        Assert.That(HeaderName.ToSnakeCase(name), Is.EqualTo(expected));
}
