using System.Text.Json;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Tests.Settings;

[TestFixture]
public sealed class SettingsJsonTests
{
    // http-api.md §8, the fresh-install settings.
    private const string FreshInstall = """
    {
      "smtp": {"enabled": false, "port": 587, "host": "smtp.example.com", "username": "", "authMethod": "", "tls": false, "localName": ""},
      "backups": {"cron": "", "cronMaxKeep": 3, "s3": {"enabled": false, "bucket": "", "region": "", "endpoint": "", "accessKey": "", "forcePathStyle": false}},
      "s3": {"enabled": false, "bucket": "", "region": "", "endpoint": "", "accessKey": "", "forcePathStyle": false},
      "meta": {"appName": "Acme", "appURL": "http://localhost:8090", "senderName": "Support", "senderAddress": "support@example.com", "hideControls": false, "accentColor": "#1055c9"},
      "rateLimits": {"rules": [
        {"label": "*:auth", "audience": "", "duration": 3, "maxRequests": 2},
        {"label": "*:create", "audience": "", "duration": 5, "maxRequests": 20},
        {"label": "/api/batch", "audience": "", "duration": 1, "maxRequests": 3},
        {"label": "/api/", "audience": "", "duration": 10, "maxRequests": 300}
      ], "excludedIPs": null, "enabled": false},
      "trustedProxy": {"headers": null, "useLeftmostIP": false},
      "batch": {"enabled": false, "maxRequests": 50, "timeout": 3, "maxBodySize": 0},
      "logs": {"maxDays": 5, "minLevel": 0, "logIP": true, "logAuthId": false},
      "superuserIPs": []
    }
    """;

    [Test]
    public void Public_FreshInstall_EqualsUpstreamDefaults()
    {
        var json = SettingsJson.ToPublic(new AppSettings());

        Assert.That(JsonNode.DeepEquals(json, JsonNode.Parse(FreshInstall)), Is.True, json.ToJsonString());
    }

    [Test]
    public void Public_HidesEverySecret_StoredKeepsThem()
    {
        var settings = new AppSettings();
        settings.Smtp.Password = "p1";
        settings.S3.Secret = "s1";
        settings.Backups.S3.Secret = "s2";

        var shown = SettingsJson.ToPublic(settings).ToJsonString();
        var stored = SettingsJson.ToStored(settings).ToJsonString();

        Assert.Multiple(() =>
        {
            Assert.That(shown, Does.Not.Contain("p1").And.Not.Contain("s1").And.Not.Contain("s2"));
            Assert.That(stored, Does.Contain("\"password\":\"p1\"").And.Contain("\"secret\":\"s1\"").And.Contain("\"secret\":\"s2\""));
        });
    }

    [Test]
    public void Merge_NestedPatch_KeepsUntouchedValuesAndSecrets()
    {
        var current = new AppSettings();
        current.Smtp.Password = "keep";

        var merged = SettingsJson.Merge(current, JsonNode.Parse("""{"smtp":{"enabled":true,"port":2525},"meta":{"appName":"New"}}""")!.AsObject());

        Assert.Multiple(() =>
        {
            Assert.That(merged.Smtp.Enabled, Is.True);
            Assert.That(merged.Smtp.Port, Is.EqualTo(2525));
            Assert.That(merged.Smtp.Host, Is.EqualTo("smtp.example.com"));
            Assert.That(merged.Smtp.Password, Is.EqualTo("keep"));
            Assert.That(merged.Meta.AppName, Is.EqualTo("New"));
            Assert.That(merged.Meta.AppURL, Is.EqualTo("http://localhost:8090"));
        });
    }

    [Test]
    public void Merge_Array_ReplacesWholeList()
    {
        var merged = SettingsJson.Merge(new AppSettings(), JsonNode.Parse("""{"rateLimits":{"rules":[{"label":"/api/","duration":1,"maxRequests":1}]}}""")!.AsObject());

        Assert.That(merged.RateLimits.Rules.Select(r => r.Label), Is.EqualTo(new[] { "/api/" }));
    }

    [Test]
    public void Merge_WrongValueType_Throws()
    {
        Assert.Throws<JsonException>(() => SettingsJson.Merge(new AppSettings(), JsonNode.Parse("""{"smtp":{"port":"587"}}""")!.AsObject()));
    }

    [Test]
    public void Parse_StoredJson_RoundTrips()
    {
        var settings = new AppSettings();
        settings.Meta.AppName = "Stored";
        settings.Smtp.Password = "pw";

        var parsed = SettingsJson.Parse(SettingsJson.ToStored(settings).ToJsonString());

        Assert.Multiple(() =>
        {
            Assert.That(parsed.Meta.AppName, Is.EqualTo("Stored"));
            Assert.That(parsed.Smtp.Password, Is.EqualTo("pw"));
        });
    }
}
