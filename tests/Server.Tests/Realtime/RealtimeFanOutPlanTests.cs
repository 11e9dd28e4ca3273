using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>
/// The fan-out plan (groups and checks) is kept between changes; every change of subscriptions,
/// auth, clients or rules between two events must still be honoured by the second event. Each
/// test delivers a first event (so a plan exists), changes one thing, then checks the next
/// event with a fence: an event that must arrive comes next.
/// </summary>
public sealed class RealtimeFanOutPlanTests : RealtimeServerFixture
{
    [Test, CancelAfter(20_000)]
    public async Task ChangedSubscriptions_AreHonouredByTheNextEvent(CancellationToken ct)
    {
        var (_, token) = await Api.CreateUserAsync(Email());
        using var user = await Api.SubscribeAsync(token, ct, "posts/*");
        await Api.CreateAsync("posts", new JsonObject { ["title"] = "first" });
        await user.NextRecordAsync("posts/*", "create", ct);

        await Api.PostSubscriptionsAsync(user, token, ["calls/*"]);
        await Api.CreateAsync("posts", new JsonObject { ["title"] = "second" });
        var call = await Api.CreateAsync("calls", new JsonObject());

        var next = await user.NextRecordAsync("calls/*", "create", ct);
        Assert.That(next["id"]!.GetValue<string>(), Is.EqualTo(call["id"]!.GetValue<string>()));
    }

    [Test, CancelAfter(20_000)]
    public async Task ClientsConnectedAfterAnEvent_ReceiveTheNext(CancellationToken ct)
    {
        var (_, token) = await Api.CreateUserAsync(Email());
        using var early = await Api.SubscribeAsync(token, ct, "posts/*");
        await Api.CreateAsync("posts", new JsonObject { ["title"] = "first" });
        await early.NextRecordAsync("posts/*", "create", ct);

        using var late = await Api.SubscribeAsync(token, ct, "posts/*");
        var post = await Api.CreateAsync("posts", new JsonObject { ["title"] = "second" });

        Assert.That((await late.NextRecordAsync("posts/*", "create", ct))["id"]!.GetValue<string>(), Is.EqualTo(post["id"]!.GetValue<string>()));
        Assert.That((await early.NextRecordAsync("posts/*", "create", ct))["id"]!.GetValue<string>(), Is.EqualTo(post["id"]!.GetValue<string>()));
    }

    [Test, CancelAfter(20_000)]
    public async Task ChangedListRule_IsHonouredByTheNextEvent(CancellationToken ct)
    {
        await Api.SendAsync(HttpMethod.Post, "/api/collections", Superuser, new JsonObject
        {
            ["name"] = "notes_plan", ["type"] = "base", ["listRule"] = "", ["viewRule"] = "", ["createRule"] = "",
            ["fields"] = new JsonArray(new JsonObject { ["name"] = "title", ["type"] = "text" }),
        });
        using var guest = await Api.SubscribeAsync(null, ct, "notes_plan/*", "calls/*");
        await Api.CreateAsync("notes_plan", new JsonObject { ["title"] = "first" });
        await guest.NextRecordAsync("notes_plan/*", "create", ct);

        await Api.SendAsync(HttpMethod.Patch, "/api/collections/notes_plan", Superuser, new JsonObject { ["listRule"] = AuthOnly });
        await Api.CreateAsync("notes_plan", new JsonObject { ["title"] = "second" }, Superuser);
        var call = await Api.CreateAsync("calls", new JsonObject());

        Assert.That((await guest.NextRecordAsync("calls/*", "create", ct))["id"]!.GetValue<string>(), Is.EqualTo(call["id"]!.GetValue<string>()));
    }

    [Test, CancelAfter(20_000)]
    public async Task AuthRecordDeleted_MakesTheSubscriberAGuestForTheNextEvent(CancellationToken ct)
    {
        var (userId, token) = await Api.CreateUserAsync(Email());
        using var user = await Api.SubscribeAsync(token, ct, "posts/*", "calls/*");
        await Api.CreateAsync("posts", new JsonObject { ["title"] = "first" });
        await user.NextRecordAsync("posts/*", "create", ct);

        await Api.SendAsync(HttpMethod.Delete, "/api/collections/users/records/" + userId, Superuser, null, 204);
        await Api.CreateAsync("posts", new JsonObject { ["title"] = "second" });
        var call = await Api.CreateAsync("calls", new JsonObject());

        Assert.That((await user.NextRecordAsync("calls/*", "create", ct))["id"]!.GetValue<string>(), Is.EqualTo(call["id"]!.GetValue<string>()));
    }

    private static string Email() => $"u{Guid.NewGuid():N}@example.com";
}
