using System.Net;
using PocketBaseSharp.Server.Tests.Support;
using static PocketBaseSharp.Server.Tests.Support.Collections;

namespace PocketBaseSharp.Server.Tests.Data;

[CancelAfter(120_000)]
public sealed class PersistenceTests
{
    [Test]
    public async Task WriteStopStartRead_KeepsCollectionsAndRecords()
    {
        await using var server = await ServerProcess.StartAsync();
        using (var api = new ApiClient(server.BaseUri))
        {
            var token = await api.LoginAsync("_superusers", "admin@example.com", "1234567890");
            await CreateAsync(api, token, Public("durable", Field("title", "text")));
            var create = await api.PostAsync("/api/collections/durable/records", new { id = "durable00000001", title = "survives" });
            Assert.That(create.Status, Is.EqualTo(HttpStatusCode.OK), create.Text);
        }

        await server.StopAsync();
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(server.DataDir, "data.db")), Is.True);
            Assert.That(File.Exists(Path.Combine(server.DataDir, "auxiliary.db")), Is.True);
        });
        await server.StartAsync();

        using var again = new ApiClient(server.BaseUri);
        var read = await again.GetAsync("/api/collections/durable/records/durable00000001");
        Assert.That(read.Object["title"]!.GetValue<string>(), Is.EqualTo("survives"));
        Assert.That(await again.LoginAsync("_superusers", "admin@example.com", "1234567890"), Is.Not.Empty);
    }
}
