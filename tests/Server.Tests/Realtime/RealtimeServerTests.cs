using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>
/// Record events end to end against the real server process. Where a test proves that something
/// is NOT delivered, it then causes an event that must be delivered and checks that this one
/// comes next (a fence), so no test waits for a timeout to pass.
/// </summary>
public sealed class RealtimeServerTests : RealtimeServerFixture
{
    [Test, CancelAfter(20_000)]
    public async Task Create_ReachesEveryMatchingSubscription_UnderItsOwnName(CancellationToken ct)
    {
        var callsId = await CollectionIdAsync("calls");
        using var guest = await Api.SubscribeAsync(null, ct, "calls", "calls/*", callsId + "/*", "callsx", "Calls/*");

        var call = await Api.CreateAsync("calls", new JsonObject { ["offer"] = new JsonObject { ["sdp"] = "x", ["type"] = "offer" } });

        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var message = await guest.Reader.NextAsync(ct);
            names.Add(message!.Name);
            var data = JsonNode.Parse(message.Data)!;
            Assert.That(data["action"]!.GetValue<string>(), Is.EqualTo("create"));
            Assert.That(data["record"]!.ToJsonString(), Is.EqualTo(call.ToJsonString()), "the record as the REST API returned it");
        }

        Assert.That(names, Is.EquivalentTo(new[] { "calls", "calls/*", callsId + "/*" }));
    }

    [Test, CancelAfter(20_000)]
    public async Task UpdateAndDelete_OfOneRecord_ReachItsIdTopic(CancellationToken ct)
    {
        var call = await Api.CreateAsync("calls", new JsonObject());
        var id = call["id"]!.GetValue<string>();
        using var guest = await Api.SubscribeAsync(null, ct, "calls/" + id);
        await Api.CreateAsync("calls", new JsonObject());

        await Api.SendAsync(HttpMethod.Patch, "/api/collections/calls/records/" + id, null, new JsonObject { ["answer"] = new JsonObject { ["type"] = "answer" } });
        await Api.SendAsync(HttpMethod.Delete, "/api/collections/calls/records/" + id, null, null, 204);

        var updated = await guest.NextRecordAsync("calls/" + id, "update", ct);
        Assert.That(updated["answer"]!["type"]!.GetValue<string>(), Is.EqualTo("answer"));
        var deleted = await guest.NextRecordAsync("calls/" + id, "delete", ct);
        Assert.That(deleted["id"]!.GetValue<string>(), Is.EqualTo(id));
    }

    [Test, CancelAfter(20_000)]
    public async Task ListRule_ExcludesGuests_AndNullRuleExcludesUsers(CancellationToken ct)
    {
        var (_, token) = await Api.CreateUserAsync(Email());
        using var guest = await Api.SubscribeAsync(null, ct, "posts/*", "locked/*", "calls/*");
        using var user = await Api.SubscribeAsync(token, ct, "posts/*", "locked/*", "calls/*");
        using var superuser = await Api.SubscribeAsync(Superuser, ct, "locked/*");

        await Api.CreateAsync("locked", new JsonObject { ["title"] = "l" }, Superuser);
        await Api.CreateAsync("posts", new JsonObject { ["title"] = "p" });
        await Api.CreateAsync("calls", new JsonObject());

        await guest.NextRecordAsync("calls/*", "create", ct);
        Assert.That((await user.NextRecordAsync("posts/*", "create", ct))["title"]!.GetValue<string>(), Is.EqualTo("p"));
        await user.NextRecordAsync("calls/*", "create", ct);
        Assert.That((await superuser.NextRecordAsync("locked/*", "create", ct))["title"]!.GetValue<string>(), Is.EqualTo("l"));
    }

    [Test, CancelAfter(20_000)]
    public async Task ViewRule_AppliesToIdTopics_WithEachSubscribersAuth(CancellationToken ct)
    {
        var (ownerId, ownerToken) = await Api.CreateUserAsync(Email());
        var (_, otherToken) = await Api.CreateUserAsync(Email());
        var post = await Api.CreateAsync("posts", new JsonObject { ["title"] = "v1", ["owner"] = ownerId });
        var topic = "posts/" + post["id"]!.GetValue<string>();
        using var owner = await Api.SubscribeAsync(ownerToken, ct, topic);
        using var other = await Api.SubscribeAsync(otherToken, ct, topic, "calls/*");

        await Api.SendAsync(HttpMethod.Patch, "/api/collections/" + topic.Replace("posts/", "posts/records/", StringComparison.Ordinal), null, new JsonObject { ["title"] = "v2" });
        await Api.CreateAsync("calls", new JsonObject());

        Assert.That((await owner.NextRecordAsync(topic, "update", ct))["title"]!.GetValue<string>(), Is.EqualTo("v2"));
        await other.NextRecordAsync("calls/*", "create", ct);
    }

    [Test, CancelAfter(30_000)]
    public async Task ManySubscribersOfOneRule_AreCheckedEachWithTheirOwnAuth(CancellationToken ct)
    {
        // Six users share the rule's SQL (a batched check through a relation join); only the
        // call's owner passes it, a guest never does.
        var users = new List<(string Id, string Token)>();
        for (var i = 0; i < 6; i++)
        {
            users.Add(await Api.CreateUserAsync(Email()));
        }

        var connections = new List<RealtimeConnection>();
        foreach (var (_, token) in users)
        {
            connections.Add(await Api.SubscribeAsync(token, ct, "answer_candidates", "calls/*"));
        }

        using var guest = await Api.SubscribeAsync(null, ct, "answer_candidates", "calls/*");
        try
        {
            var call = await Api.CreateAsync("calls", new JsonObject { ["owner"] = users[4].Id });
            var candidate = await Api.CreateAsync("answer_candidates", new JsonObject { ["call_id"] = call["id"]!.GetValue<string>() }, users[0].Token);
            await Api.CreateAsync("calls", new JsonObject());

            for (var i = 0; i < connections.Count; i++)
            {
                await connections[i].NextRecordAsync("calls/*", "create", ct);
                if (i == 4)
                {
                    var seen = await connections[i].NextRecordAsync("answer_candidates", "create", ct);
                    Assert.That(seen["id"]!.GetValue<string>(), Is.EqualTo(candidate["id"]!.GetValue<string>()));
                }

                await connections[i].NextRecordAsync("calls/*", "create", ct);
            }

            await guest.NextRecordAsync("calls/*", "create", ct);
            await guest.NextRecordAsync("calls/*", "create", ct);
        }
        finally
        {
            connections.ForEach(c => c.Dispose());
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task HiddenFields_OnlyForSuperusers(CancellationToken ct)
    {
        var (_, token) = await Api.CreateUserAsync(Email());
        using var user = await Api.SubscribeAsync(token, ct, "posts/*");
        using var superuser = await Api.SubscribeAsync(Superuser, ct, "posts/*");

        await Api.CreateAsync("posts", new JsonObject { ["title"] = "h", ["internal"] = "secret" }, Superuser);

        Assert.That((await user.NextRecordAsync("posts/*", "create", ct)).AsObject().ContainsKey("internal"), Is.False);
        Assert.That((await superuser.NextRecordAsync("posts/*", "create", ct))["internal"]!.GetValue<string>(), Is.EqualTo("secret"));
    }

    [Test, CancelAfter(20_000)]
    public async Task AuthRecords_ShowEmailOnlyToThemselvesWhenNotVisible(CancellationToken ct)
    {
        var (aliceId, aliceToken) = await Api.CreateUserAsync(Email());
        var (bobId, _) = await Api.CreateUserAsync(Email());
        using var alice = await Api.SubscribeAsync(aliceToken, ct, "users/*");

        await Api.SendAsync(HttpMethod.Patch, "/api/collections/users/records/" + bobId, Superuser, new JsonObject { ["name"] = "Bob" });
        await Api.SendAsync(HttpMethod.Patch, "/api/collections/users/records/" + aliceId, Superuser, new JsonObject { ["name"] = "Alice" });

        var bob = await alice.NextRecordAsync("users/*", "update", ct);
        Assert.That(bob["name"]!.GetValue<string>(), Is.EqualTo("Bob"));
        Assert.That(bob.AsObject().ContainsKey("email"), Is.False);
        Assert.That(bob.AsObject().ContainsKey("password") || bob.AsObject().ContainsKey("tokenKey"), Is.False);
        var self = await alice.NextRecordAsync("users/*", "update", ct);
        Assert.That(self["email"]!.GetValue<string>(), Does.EndWith("@example.com"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Options_FieldsFilterAndExpand_ApplyPerSubscription(CancellationToken ct)
    {
        var (userId, token) = await Api.CreateUserAsync(Email());
        var fields = Options("""{"query":{"fields":"id,title"},"headers":{}}""");
        var filter = Options("""{"query":{"filter":"title = 'match'"}}""");
        var expand = Options("""{"query":{"expand":"owner"}}""");
        var requestInFilter = Options("""{"query":{"filter":"@request.auth.id != ''"}}""");
        using var user = await Api.SubscribeAsync(token, ct, fields, filter, expand, requestInFilter);

        await Api.CreateAsync("posts", new JsonObject { ["title"] = "other", ["owner"] = userId });
        await Api.CreateAsync("posts", new JsonObject { ["title"] = "match", ["owner"] = userId });

        // Messages come in commit order: the three of the first post, then those of the second.
        var first = new Dictionary<string, JsonNode>();
        var second = new Dictionary<string, JsonNode>();
        for (var i = 0; i < 5; i++)
        {
            var message = await user.Reader.NextAsync(ct);
            var record = JsonNode.Parse(message!.Data)!["record"]!;
            (i < 2 ? first : second)[message.Name] = record;
        }

        Assert.That(first.Keys, Is.EquivalentTo(new[] { fields, expand }), "first post: no filter match, request filter refused");
        Assert.That(second.Keys, Is.EquivalentTo(new[] { fields, filter, expand }));
        Assert.That(first[fields].AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "id", "title" }));
        Assert.That(second[filter]["title"]!.GetValue<string>(), Is.EqualTo("match"));
        Assert.That(first[expand]["expand"]!["owner"]!["id"]!.GetValue<string>(), Is.EqualTo(userId));
    }

    [Test, CancelAfter(20_000)]
    public async Task Options_HeadersReachTheRule(CancellationToken ct)
    {
        await Api.SendAsync(HttpMethod.Patch, "/api/collections/locked", Superuser, new JsonObject { ["listRule"] = "@request.headers.x_token = 'open'" });
        var open = Options("""{"headers":{"X-Token":"open"}}""");
        var closed = Options("""{"headers":{"X-Token":"nope"}}""");
        using var guest = await Api.SubscribeAsync(null, ct, closed, open);

        await Api.CreateAsync("locked", new JsonObject { ["title"] = "h" }, Superuser);

        Assert.That((await guest.NextRecordAsync(open, "create", ct))["title"]!.GetValue<string>(), Is.EqualTo("h"));
        await Api.SendAsync(HttpMethod.Patch, "/api/collections/locked", Superuser, new JsonObject { ["listRule"] = null });

        static string Options(string json) => "locked/*?options=" + Uri.EscapeDataString(json);
    }

    [Test, CancelAfter(20_000)]
    public async Task CascadeDelete_SendsDeleteForEveryChild_CheckedAgainstPreDeleteState(CancellationToken ct)
    {
        var (ownerId, ownerToken) = await Api.CreateUserAsync(Email());
        var (_, otherToken) = await Api.CreateUserAsync(Email());
        var call = await Api.CreateAsync("calls", new JsonObject { ["owner"] = ownerId });
        var callId = call["id"]!.GetValue<string>();
        var offers = new List<string>();
        var answers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            offers.Add((await Api.CreateAsync("offer_candidates", new JsonObject { ["call_id"] = callId, ["data"] = new JsonObject { ["n"] = i } }, ownerToken))["id"]!.GetValue<string>());
            answers.Add((await Api.CreateAsync("answer_candidates", new JsonObject { ["call_id"] = callId, ["data"] = new JsonObject { ["n"] = i } }, ownerToken))["id"]!.GetValue<string>());
        }

        using var owner = await Api.SubscribeAsync(ownerToken, ct, "offer_candidates", "answer_candidates");
        using var other = await Api.SubscribeAsync(otherToken, ct, "answer_candidates", "calls/*");

        await Api.SendAsync(HttpMethod.Delete, "/api/collections/calls/records/" + callId, null, null, 204);
        await Api.CreateAsync("calls", new JsonObject());
        Assert.That((await other.NextRecordAsync("calls/*", "delete", ct))["id"]!.GetValue<string>(), Is.EqualTo(callId));

        var deleted = new Dictionary<string, List<string>> { ["offer_candidates"] = [], ["answer_candidates"] = [] };
        for (var i = 0; i < 6; i++)
        {
            var message = await owner.Reader.NextAsync(ct);
            var data = JsonNode.Parse(message!.Data)!;
            Assert.That(data["action"]!.GetValue<string>(), Is.EqualTo("delete"));
            Assert.That(data["record"]!["call_id"]!.GetValue<string>(), Is.EqualTo(callId));
            deleted[message.Name].Add(data["record"]!["id"]!.GetValue<string>());
        }

        Assert.That(deleted["offer_candidates"], Is.EquivalentTo(offers));
        Assert.That(deleted["answer_candidates"], Is.EquivalentTo(answers), "the rule refers to the deleted parent");
        await other.NextRecordAsync("calls/*", "create", ct);
    }

    [Test, CancelAfter(20_000)]
    public async Task Batch_EventsFollowTheCommit_AndAFailedBatchSendsNone(CancellationToken ct)
    {
        await Api.SendAsync(HttpMethod.Patch, "/api/settings", Superuser, new JsonObject { ["batch"] = new JsonObject { ["enabled"] = true, ["maxRequests"] = 50 } });
        var existing = await Api.CreateAsync("calls", new JsonObject());
        var existingId = existing["id"]!.GetValue<string>();
        using var guest = await Api.SubscribeAsync(null, ct, "calls/*");

        await Api.SendAsync(HttpMethod.Post, "/api/batch", null, new JsonObject
        {
            ["requests"] = new JsonArray(
                Request("POST", "/api/collections/calls/records", new JsonObject { ["offer"] = "bad-batch" }),
                Request("POST", "/api/collections/nope/records", new JsonObject())),
        }, 400);
        var results = await Api.SendAsync(HttpMethod.Post, "/api/batch", null, new JsonObject
        {
            ["requests"] = new JsonArray(
                Request("POST", "/api/collections/calls/records", new JsonObject { ["offer"] = "b1" }),
                Request("PATCH", "/api/collections/calls/records/" + existingId, new JsonObject { ["offer"] = "b2" }),
                Request("DELETE", "/api/collections/calls/records/" + existingId, null)),
        });

        Assert.That(results!.AsArray(), Has.Count.EqualTo(3));
        Assert.That((await guest.NextRecordAsync("calls/*", "create", ct))["offer"]!.GetValue<string>(), Is.EqualTo("b1"));
        Assert.That((await guest.NextRecordAsync("calls/*", "update", ct))["offer"]!.GetValue<string>(), Is.EqualTo("b2"));
        Assert.That((await guest.NextRecordAsync("calls/*", "delete", ct))["id"]!.GetValue<string>(), Is.EqualTo(existingId));

        static JsonObject Request(string method, string url, JsonObject? body) =>
            new() { ["method"] = method, ["url"] = url, ["body"] = body };
    }

    [Test, CancelAfter(20_000)]
    public async Task AuthRecordChanges_DemoteTheClientToGuest(CancellationToken ct)
    {
        var email = Email();
        var (userId, token) = await Api.CreateUserAsync(email);
        using var user = await Api.SubscribeAsync(token, ct, "posts/*", "calls/*");
        await Api.CreateAsync("posts", new JsonObject { ["title"] = "before" });
        Assert.That((await user.NextRecordAsync("posts/*", "create", ct))["title"]!.GetValue<string>(), Is.EqualTo("before"));

        // A password change rotates the token key: the client continues as a guest.
        await Api.SendAsync(HttpMethod.Patch, "/api/collections/users/records/" + userId, Superuser,
            new JsonObject { ["password"] = "changed-password-1", ["passwordConfirm"] = "changed-password-1" });
        await Api.CreateAsync("posts", new JsonObject { ["title"] = "after" });
        await Api.CreateAsync("calls", new JsonObject());
        await user.NextRecordAsync("calls/*", "create", ct);

        // Guest to authenticated is allowed again with the new token.
        var newToken = await Api.LoginAsync("users", email, "changed-password-1");
        await Api.PostSubscriptionsAsync(user, newToken, ["posts/*", "calls/*"]);
        await Api.CreateAsync("posts", new JsonObject { ["title"] = "again" });
        Assert.That((await user.NextRecordAsync("posts/*", "create", ct))["title"]!.GetValue<string>(), Is.EqualTo("again"));
    }

    [Test, CancelAfter(20_000)]
    public async Task DeletedAuthRecord_DemotesTheClient_AndAnotherAuthIs403(CancellationToken ct)
    {
        var (userId, token) = await Api.CreateUserAsync(Email());
        var (_, otherToken) = await Api.CreateUserAsync(Email());
        using var user = await Api.SubscribeAsync(token, ct, "posts/*", "calls/*");
        await Api.PostSubscriptionsAsync(user, otherToken, ["posts/*"], 403);
        await Api.PostSubscriptionsAsync(user, null, ["posts/*"], 403);

        await Api.SendAsync(HttpMethod.Delete, "/api/collections/users/records/" + userId, Superuser, null, 204);
        await Api.CreateAsync("posts", new JsonObject { ["title"] = "unseen" });
        await Api.CreateAsync("calls", new JsonObject());

        await user.NextRecordAsync("calls/*", "create", ct);
    }

    [Test, CancelAfter(20_000)]
    public async Task Unsubscribe_RemovesTopics_AndEmptyListKeepsTheStream(CancellationToken ct)
    {
        using var guest = await Api.SubscribeAsync(null, ct, "calls/*", "offer_candidates");
        await Api.PostSubscriptionsAsync(guest, null, ["calls"]);
        await Api.PostSubscriptionsAsync(guest, null, []);
        await Api.CreateAsync("calls", new JsonObject { ["offer"] = "one" });
        await Api.PostSubscriptionsAsync(guest, null, ["calls"]);

        await Api.CreateAsync("calls", new JsonObject { ["offer"] = "two" });

        Assert.That((await guest.NextRecordAsync("calls", "create", ct))["offer"]!.GetValue<string>(), Is.EqualTo("two"));
    }

    private static string Email() => $"u{Guid.NewGuid():N}@example.com";

    private static string Options(string json) => "posts/*?options=" + Uri.EscapeDataString(json);
}
