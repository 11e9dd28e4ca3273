using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Settings;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Settings;

/// <summary>
/// The settings row a fresh install writes must be exactly <see cref="AppSettings"/>' defaults in
/// stored form (secrets included), so the seeded row and the typed defaults cannot drift apart.
/// </summary>
[CancelAfter(120_000)]
public sealed class SettingsPersistenceTests
{
    [Test]
    public async Task FreshInstall_StoresAppSettingsDefaults()
    {
        await using var server = await ServerProcess.StartAsync();
        await server.StopAsync();

        var stored = ReadSettingsRow(server.DataDir);

        Assert.That(JsonNode.DeepEquals(stored, SettingsJson.ToStored(new AppSettings())), Is.True, stored?.ToJsonString());
    }

    [Test]
    public async Task Patch_SurvivesRestart_AndKeepsSecretStored()
    {
        await using var server = await ServerProcess.StartAsync();
        using (var api = new ApiClient(server.BaseUri))
        {
            var token = await api.LoginAsync("_superusers", "admin@example.com", "1234567890");
            var patch = await api.PatchAsync("/api/settings", new JsonObject
            {
                ["meta"] = new JsonObject { ["appName"] = "Kept" },
                ["smtp"] = new JsonObject { ["password"] = "stored-secret" },
            }, token);
            Assert.That(patch.Status, Is.EqualTo(HttpStatusCode.OK), patch.Text);
        }

        await server.StopAsync();
        var row = ReadSettingsRow(server.DataDir);
        Assert.That(row?["smtp"]?["password"]?.GetValue<string>(), Is.EqualTo("stored-secret"));
        await server.StartAsync();

        using var again = new ApiClient(server.BaseUri);
        var superuser = await again.LoginAsync("_superusers", "admin@example.com", "1234567890");
        var read = await again.GetAsync("/api/settings", superuser);
        Assert.Multiple(() =>
        {
            Assert.That(read.Object["meta"]!["appName"]!.GetValue<string>(), Is.EqualTo("Kept"));
            Assert.That(read.Object["meta"]!["senderName"]!.GetValue<string>(), Is.EqualTo("Support"));
            Assert.That(read.Object["smtp"]!.AsObject().ContainsKey("password"), Is.False);
        });
    }

    private static JsonNode? ReadSettingsRow(string dataDir)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(dataDir, "data.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT value FROM _params WHERE id = 'settings'";
        return JsonNode.Parse((string)cmd.ExecuteScalar()!);
    }
}
