using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;
using static PocketBaseSharp.Server.Tests.Backups.BackupTestSupport;

namespace PocketBaseSharp.Server.Tests.Backups;

/// <summary><c>backups.cron</c> adds the <c>__pbAutoBackup__</c> job, which keeps only <c>cronMaxKeep</c> auto backups.</summary>
public sealed class AutoBackupTests : ServerTestBase
{
    private static JsonObject Backups(string cron, int maxKeep) =>
        new() { ["backups"] = new JsonObject { ["cron"] = cron, ["cronMaxKeep"] = maxKeep } };

    [Test]
    public async Task AutoBackupJob_CreatesAutoBackups_AndPrunesToCronMaxKeep()
    {
        var patched = await Api.PatchAsync("/api/settings", Backups("0 3 * * *", 2), SuperuserToken);
        Assert.That(patched.Status, Is.EqualTo(HttpStatusCode.OK), patched.Text);
        var crons = await Api.GetAsync("/api/crons", SuperuserToken);
        Assert.That(crons.Json!.AsArray().Select(j => j!["id"]!.GetValue<string>()), Does.Contain("__pbAutoBackup__"));
        await Api.PostAsync("/api/backups", new JsonObject { ["name"] = "manual.zip" }, SuperuserToken);

        var seen = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            // Auto names carry the second, so each run waits for the next second to get its own file.
            await Task.Delay(1100);
            var run = await Api.PostAsync("/api/crons/__pbAutoBackup__", null, SuperuserToken);
            Assert.That(run.Status, Is.EqualTo(HttpStatusCode.NoContent), run.Text);
            var appeared = await WaitForAsync(async () =>
            {
                var keys = Keys(await ListAsync(Api, SuperuserToken)).Where(k => k.StartsWith("@auto_pb_backup_acme_", StringComparison.Ordinal)).Except(seen).ToList();
                seen.AddRange(keys);
                return keys.Count > 0;
            }, TimeSpan.FromSeconds(30));
            Assert.That(appeared, Is.True, $"auto backup {i} did not appear");
        }

        // Pruning runs right after the third backup is stored.
        var pruned = await WaitForAsync(async () => Keys(await ListAsync(Api, SuperuserToken)).Count(k => k.StartsWith('@')) == 2, TimeSpan.FromSeconds(30));
        var final = Keys(await ListAsync(Api, SuperuserToken));
        Assert.Multiple(() =>
        {
            Assert.That(pruned, Is.True, string.Join(",", final));
            Assert.That(final, Does.Contain("manual.zip"));
            Assert.That(final, Does.Not.Contain(seen[0]));
            Assert.That(final, Does.Contain(seen[2]));
        });
    }

    [Test]
    public async Task Settings_InvalidCron_Is400()
    {
        var response = await Api.PatchAsync("/api/settings", Backups("not a cron", 3), SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["data"]!["backups"]!["cron"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_invalid_cron"), response.Text);
    }

    [Test]
    public async Task Settings_ClearedCron_RemovesTheJob()
    {
        await Api.PatchAsync("/api/settings", Backups("@daily", 3), SuperuserToken);
        await Api.PatchAsync("/api/settings", Backups("", 3), SuperuserToken);

        var crons = await Api.GetAsync("/api/crons", SuperuserToken);

        Assert.That(crons.Json!.AsArray().Select(j => j!["id"]!.GetValue<string>()), Does.Not.Contain("__pbAutoBackup__"));
    }
}
