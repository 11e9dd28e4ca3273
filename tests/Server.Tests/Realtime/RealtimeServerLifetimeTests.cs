using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>Idle timeout and slow-client drop on the real server, configured through its environment.</summary>
public sealed class RealtimeServerLifetimeTests : RealtimeServerFixture
{
    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["Realtime__IdleTimeout"] = "00:00:02",
        ["Realtime__QueueCapacity"] = "8",
    };

    [Test, CancelAfter(20_000)]
    public async Task IdleStream_EndsAfterTheConfiguredTimeout_AndTheClientIsForgotten(CancellationToken ct)
    {
        using var guest = await Api.SubscribeAsync(null, ct, "calls/*");
        var watch = Stopwatch.StartNew();

        await Api.CreateAsync("calls", new JsonObject());
        await guest.NextRecordAsync("calls/*", "create", ct);

        Assert.That(await guest.Reader.EndsWithinAsync(TimeSpan.FromSeconds(8)), Is.True);
        Assert.That(watch.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1.9)));
        await Api.PostSubscriptionsAsync(guest, null, ["calls/*"], 404);
    }

    [Test, CancelAfter(20_000)]
    public async Task NewAuthTokenSecret_DemotesTheClients(CancellationToken ct)
    {
        var (_, token) = await Api.CreateUserAsync($"u{Guid.NewGuid():N}@example.com");
        using var user = await Api.SubscribeAsync(token, ct, "offer_candidates", "calls/*");
        var call = await Api.CreateAsync("calls", new JsonObject());
        await user.NextRecordAsync("calls/*", "create", ct);

        await Api.SendAsync(HttpMethod.Patch, "/api/collections/users", Superuser,
            new JsonObject { ["authToken"] = new JsonObject { ["secret"] = new string('s', 50) } });
        await Api.CreateAsync("offer_candidates", new JsonObject { ["call_id"] = call["id"]!.GetValue<string>() }, Superuser);
        await Api.CreateAsync("calls", new JsonObject());

        await user.NextRecordAsync("calls/*", "create", ct);
    }

    [Test, CancelAfter(60_000)]
    public async Task StuckClient_IsDropped_WhileWritersAndOtherClientsGoOn(CancellationToken ct)
    {
        using var stuck = await Api.SubscribeAsync(null, ct, "calls/*");
        using var healthy = await Api.SubscribeAsync(null, ct, "calls/*");
        var big = new string('x', 64 * 1024);
        const int writes = 300;

        // The stuck client never reads: its socket buffers fill, then its 8-message queue. The
        // healthy client reads each event before the next write, so it never falls 8 behind (a
        // reader that does fall behind is dropped too, by design, and on a fast machine a writer
        // loop can outrun any reader); a writer held up by the stuck client would stall here.
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < writes; i++)
        {
            await Api.CreateAsync("calls", new JsonObject { ["offer"] = new JsonObject { ["sdp"] = big } });
            await healthy.NextRecordAsync("calls/*", "create", ct);
        }

        var writeTime = watch.Elapsed;

        Assert.That(writeTime, Is.LessThan(TimeSpan.FromSeconds(30)), "writers were not held up");
        Assert.That(await stuck.Reader.EndsWithinAsync(TimeSpan.FromSeconds(10)), Is.True, "the stuck client's stream was ended");
        await Api.PostSubscriptionsAsync(stuck, null, ["calls/*"], 404);
    }
}
