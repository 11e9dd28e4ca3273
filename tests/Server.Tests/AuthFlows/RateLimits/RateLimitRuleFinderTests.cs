using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Tests.AuthFlows.RateLimits;

[TestFixture]
public sealed class RateLimitRuleFinderTests
{
    private static RateLimitRule Rule(string label, string audience = "") => new() { Label = label, Audience = audience, Duration = 1, MaxRequests = 1 };

    private static string? Found(IReadOnlyList<RateLimitRule> rules, string method, string path, bool auth = false)
    {
        var rule = RateLimitRuleFinder.Find(rules, RateLimitLabels.For(method, path), auth);
        return rule is null ? null : rule.Label + rule.Audience;
    }

    [Test]
    public void Defaults_AuthWithPassword_UsesStarAuthTag()
    {
        Assert.That(Found(new RateLimitsSettings().Rules, "POST", "/api/collections/users/auth-with-password"), Is.EqualTo("*:auth"));
    }

    [Test]
    public void Defaults_RecordCreate_UsesStarCreate()
    {
        Assert.That(Found(new RateLimitsSettings().Rules, "POST", "/api/collections/posts/records"), Is.EqualTo("*:create"));
    }

    [Test]
    public void Defaults_OtherApiRoute_FallsBackToApiPrefix()
    {
        Assert.That(Found(new RateLimitsSettings().Rules, "GET", "/api/collections/users/auth-methods"), Is.EqualTo("/api/"));
    }

    [Test]
    public void CollectionLabel_BeatsStarLabel()
    {
        var rules = new[] { Rule("*:authWithPassword"), Rule("users:authWithPassword") };

        Assert.That(Found(rules, "POST", "/api/collections/users/auth-with-password"), Is.EqualTo("users:authWithPassword"));
    }

    [Test]
    public void SpecificActionLabel_BeatsAuthTag()
    {
        var rules = new[] { Rule("*:auth"), Rule("*:authWithOTP") };

        Assert.That(Found(rules, "POST", "/api/collections/users/auth-with-otp"), Is.EqualTo("*:authWithOTP"));
    }

    [Test]
    public void Audience_OnlyMatchingCallers()
    {
        var rules = new[] { Rule("*:requestOTP", "@auth"), Rule("/api/", "@guest") };

        Assert.Multiple(() =>
        {
            Assert.That(Found(rules, "POST", "/api/collections/users/request-otp", auth: false), Is.EqualTo("/api/@guest"));
            Assert.That(Found(rules, "POST", "/api/collections/users/request-otp", auth: true), Is.EqualTo("*:requestOTP@auth"));
        });
    }

    [Test]
    public void Prefixes_LongestWins_AndMethodLabelsWork()
    {
        var rules = new[] { Rule("/api/"), Rule("POST /api/collections/"), Rule("/api/collections/x/") };

        Assert.Multiple(() =>
        {
            Assert.That(Found(rules, "POST", "/api/collections/y/request-verification"), Is.EqualTo("POST /api/collections/"));
            Assert.That(Found(rules, "GET", "/api/collections/x/auth-methods"), Is.EqualTo("/api/collections/x/"));
            Assert.That(Found(rules, "GET", "/api/health"), Is.EqualTo("/api/"));
            Assert.That(Found(rules, "GET", "/_/"), Is.Null);
        });
    }

    [Test]
    public void ExactPathLabel_MatchesOnlyThatPath()
    {
        var rules = new[] { Rule("/api/batch") };

        Assert.Multiple(() =>
        {
            Assert.That(Found(rules, "POST", "/api/batch"), Is.EqualTo("/api/batch"));
            Assert.That(Found(rules, "POST", "/api/batches"), Is.Null);
        });
    }
}
