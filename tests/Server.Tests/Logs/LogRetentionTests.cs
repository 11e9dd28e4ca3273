using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Logs;

/// <summary>
/// On a copy of upstream's pb_data (its <c>_logs</c> still has the older <c>updated</c> column):
/// the upstream entry is listed as it is, new entries are written next to it, and the retention
/// job <c>__pbLogsCleanup__</c> removes entries older than <c>logs.maxDays</c> while keeping the recent ones.
/// </summary>
[CancelAfter(120_000)]
[NonParallelizable]
public sealed class LogRetentionTests
{
    private const string UpstreamEntry = "zqj48gjhf7zj0nk";

    [Test]
    public async Task UpstreamLogs_AreReadable_AndOldOnesExpire()
    {
        var source = SharedFixture.TestDataDir();
        if (source is null)
        {
            Assert.Ignore("../shared/fixtures/pocketbase-testdata is not present next to the repository.");
        }

        var dir = SharedFixture.CopyToTemp(source);
        var recent = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var old = DateTime.UtcNow.AddDays(-6).ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(dir, "auxiliary.db")};Pooling=False"))
        {
            await db.OpenAsync();
            await using var cmd = db.CreateCommand();
            cmd.CommandText = "UPDATE `_logs` SET `created` = $recent WHERE `id` = $upstream; INSERT INTO `_logs` (`id`, `level`, `message`, `data`, `created`) VALUES ('oldoldoldoldold', 0, 'GET /old', '{}', $old)";
            cmd.Parameters.AddWithValue("$recent", recent);
            cmd.Parameters.AddWithValue("$upstream", UpstreamEntry);
            cmd.Parameters.AddWithValue("$old", old);
            await cmd.ExecuteNonQueryAsync();
        }

        await using var server = await ServerProcess.StartAsync(dir, superuserEmail: null);
        using var api = new ApiClient(server.BaseUri);
        var token = await api.LoginAsync("_superusers", "test@example.com", "1234567890");

        await LogWaiter.MarkAsync(api, token);
        Assert.That((await api.GetAsync("/api/logs/oldoldoldoldold", token)).Status, Is.EqualTo(HttpStatusCode.OK), "kept until the job runs");
        var run = await api.PostAsync("/api/crons/__pbLogsCleanup__", null, token);
        Assert.That(run.Status, Is.EqualTo(HttpStatusCode.NoContent), run.Text);

        // The job runs in the background after the 204.
        var expired = await api.GetAsync("/api/logs/oldoldoldoldold", token);
        for (var i = 0; i < 50 && expired.Status == HttpStatusCode.OK; i++)
        {
            await Task.Delay(100);
            expired = await api.GetAsync("/api/logs/oldoldoldoldold", token);
        }

        var upstream = await api.GetAsync("/api/logs/" + UpstreamEntry, token);
        Assert.Multiple(() =>
        {
            Assert.That(upstream.Status, Is.EqualTo(HttpStatusCode.OK), upstream.Text);
            Assert.That(upstream.Object["message"]!.GetValue<string>(), Is.EqualTo("PATCH /api/settings"));
            Assert.That(upstream.Object["data"]!["execTime"]!.GetValue<double>(), Is.EqualTo(9.681131));
            Assert.That(upstream.Object.Select(p => p.Key), Is.EqualTo(new[] { "id", "created", "data", "message", "level" }));
            Assert.That(expired.Status, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}
