using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Tests.Settings;

[TestFixture]
public sealed class SettingsValidatorTests
{
    private static JsonObject Errors(string patch) =>
        SettingsValidator.Validate(SettingsJson.Merge(new AppSettings(), JsonNode.Parse(patch)!.AsObject()));

    private static string? Code(JsonObject errors, params string[] path)
    {
        JsonNode? node = errors;
        foreach (var key in path)
        {
            node = node?[key];
        }

        return node?["code"]?.GetValue<string>();
    }

    [Test]
    public void Defaults_AreValid()
    {
        Assert.That(SettingsValidator.Validate(new AppSettings()), Is.Empty);
    }

    [Test]
    public void Meta_BlankAndMalformed_AreReported()
    {
        var errors = Errors("""{"meta":{"appName":"","appURL":"not a url","senderAddress":"nope"}}""");

        Assert.Multiple(() =>
        {
            Assert.That(Code(errors, "meta", "appName"), Is.EqualTo("validation_required"));
            Assert.That(Code(errors, "meta", "appURL"), Is.EqualTo("validation_is_url"));
            Assert.That(Code(errors, "meta", "senderAddress"), Is.EqualTo("validation_is_email"));
            Assert.That(errors.ContainsKey("smtp"), Is.False);
        });
    }

    [Test]
    public void Smtp_OnlyCheckedWhenEnabled()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Errors("""{"smtp":{"enabled":false,"host":"","authMethod":"X"}}"""), Is.Empty);
            var errors = Errors("""{"smtp":{"enabled":true,"host":"","authMethod":"X"}}""");
            Assert.That(Code(errors, "smtp", "host"), Is.EqualTo("validation_required"));
            Assert.That(Code(errors, "smtp", "authMethod"), Is.EqualTo("validation_in_invalid"));
        });
    }

    [Test]
    public void RateLimitRules_AreCheckedPerIndex()
    {
        var errors = Errors("""{"rateLimits":{"rules":[{"label":"/api/","duration":1,"maxRequests":1},{"label":"","audience":"@x","duration":0,"maxRequests":1},{"label":"/api/","duration":1,"maxRequests":1}]}}""");

        Assert.Multiple(() =>
        {
            Assert.That(errors["rateLimits"]!["rules"]!.AsObject().ContainsKey("0"), Is.False);
            Assert.That(Code(errors, "rateLimits", "rules", "1", "label"), Is.EqualTo("validation_required"));
            Assert.That(Code(errors, "rateLimits", "rules", "1", "audience"), Is.EqualTo("validation_in_invalid"));
            Assert.That(Code(errors, "rateLimits", "rules", "1", "duration"), Is.EqualTo("validation_min_greater_equal_than_required"));
            Assert.That(Code(errors, "rateLimits", "rules", "2", "label"), Is.EqualTo("validation_conflicting_rate_limit_rule"));
        });
    }

    [TestCase("127.0.0.1", true)]
    [TestCase("10.0.0.0/8", true)]
    [TestCase("::1", true)]
    [TestCase("10.0.0.0/33", false)]
    [TestCase("localhost", false)]
    public void SuperuserIPs_AcceptIpsAndCidrs(string ip, bool valid)
    {
        var errors = Errors($$"""{"superuserIPs":["{{ip}}"]}""");

        Assert.That(errors.ContainsKey("superuserIPs"), Is.EqualTo(!valid));
    }
}
