using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;
using TestCollections = PocketBaseSharp.Server.Tests.Support.Collections;
using static PocketBaseSharp.Server.Tests.Backups.BackupTestSupport;

namespace PocketBaseSharp.Server.Tests.Backups;

/// <summary><c>POST /api/backups/{key}/restore</c>: pb_data is replaced and the server comes back on the same address.</summary>
public sealed class BackupRestoreTests : ServerTestBase
{
    [Test]
    public async Task Restore_BringsBackTheBackedUpData()
    {
        await TestCollections.CreateAsync(Api, SuperuserToken, TestCollections.Public("notes", TestCollections.Field("title", "text")));
        var a = await CreateRecordAsync(Api, SuperuserToken, "notes", "A");
        Assert.That((await Api.PostAsync("/api/backups", new JsonObject { ["name"] = "before_b.zip" }, SuperuserToken)).Status, Is.EqualTo(HttpStatusCode.NoContent));
        var b = await CreateRecordAsync(Api, SuperuserToken, "notes", "B");

        var restore = await Api.PostAsync("/api/backups/before_b.zip/restore", null, SuperuserToken);
        var second = await Api.PostAsync("/api/backups/before_b.zip/restore", null, SuperuserToken);
        var health = await Api.GetAsync("/api/health", SuperuserToken);

        Assert.Multiple(() =>
        {
            Assert.That(restore.Status, Is.EqualTo(HttpStatusCode.NoContent), restore.Text);
            Assert.That(second.Status, Is.EqualTo(HttpStatusCode.BadRequest), second.Text);
            Assert.That(health.Object["data"]!["canBackup"]!.GetValue<bool>(), Is.False);
        });

        // The server stops, swaps pb_data and starts again; B's absence proves the swap happened.
        var restored = await WaitForAsync(async () => (await Api.GetAsync($"/api/collections/notes/records/{b}")).Status == HttpStatusCode.NotFound, TimeSpan.FromSeconds(60));
        Assert.That(restored, Is.True, string.Join("\n", Server.Output));
        var recordA = await Api.GetAsync($"/api/collections/notes/records/{a}");
        var after = await Api.GetAsync("/api/health", await Api.LoginAsync("_superusers", "admin@example.com", "1234567890"));
        Assert.Multiple(() =>
        {
            Assert.That(recordA.Status, Is.EqualTo(HttpStatusCode.OK), recordA.Text);
            Assert.That(after.Object["data"]!["canBackup"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public async Task Restore_UnknownKey_Is400()
    {
        var response = await Api.PostAsync("/api/backups/nope.zip/restore", null, SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Object["message"]!.GetValue<string>(), Is.EqualTo("Missing or invalid backup file."));
    }

    [TestCase("no_data_db.zip", "notes.txt")]
    [TestCase("zip_slip.zip", "../escaped.txt")]
    public async Task Restore_InvalidZip_KeepsServingTheCurrentData(string key, string entryName)
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry(entryName).Open());
            writer.Write("not a database");
        }

        var uploaded = await UploadAsync(Server.BaseUri, SuperuserToken, zip.ToArray(), key);
        var restore = await Api.PostAsync($"/api/backups/{key}/restore", null, SuperuserToken);

        Assert.That(uploaded.Status, Is.EqualTo(HttpStatusCode.NoContent), uploaded.Text);
        Assert.That(restore.Status, Is.EqualTo(HttpStatusCode.NoContent), restore.Text);
        var idle = await WaitForAsync(async () => (await Api.GetAsync("/api/health", SuperuserToken)).Object["data"]!["canBackup"]!.GetValue<bool>(), TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(idle, Is.True);
            Assert.That(File.Exists(Path.Combine(Server.DataDir, "data.db")), Is.True);
            Assert.That(File.Exists(Path.Combine(Server.DataDir, ".pb_temp_to_delete", "escaped.txt")), Is.False);
        });
    }
}
