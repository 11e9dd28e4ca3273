using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Logs;

/// <summary><c>GET /api/crons</c> and <c>POST /api/crons/{id}</c> (http-api.md §12).</summary>
public sealed class CronsApiTests : ServerTestBase
{
    [Test]
    public async Task List_ShowsTheSystemJobs()
    {
        var response = await Api.GetAsync("/api/crons", SuperuserToken);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var jobs = response.Json!.AsArray().Select(j => (j!["id"]!.GetValue<string>(), j["expression"]!.GetValue<string>())).ToList();
        Assert.That(jobs, Is.SupersetOf(new[] { ("__pbLogsCleanup__", "0 */6 * * *"), ("__pbDBOptimize__", "0 0 * * *") }));
        Assert.That(response.Json!.AsArray().Select(j => j!.AsObject().Select(p => p.Key).ToList()), Has.All.EqualTo(new[] { "id", "expression" }));
    }

    [Test]
    public async Task Run_KnownJob_Is204_UnknownIs404()
    {
        var known = await Api.PostAsync("/api/crons/__pbDBOptimize__", null, SuperuserToken);
        var unknown = await Api.PostAsync("/api/crons/nope", null, SuperuserToken);

        Assert.Multiple(() =>
        {
            Assert.That(known.Status, Is.EqualTo(HttpStatusCode.NoContent), known.Text);
            Assert.That(unknown.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknown.Object["message"]!.GetValue<string>(), Is.EqualTo("Missing or invalid cron job."));
        });
    }

    [Test]
    public async Task NonSuperusers_AreRejected()
    {
        var email = $"crons-{Guid.NewGuid():N}@example.com";
        await Api.PostAsync("/api/collections/users/records", new JsonObject { ["email"] = email, ["password"] = "1234567890", ["passwordConfirm"] = "1234567890" });
        var user = await Api.LoginAsync("users", email, "1234567890");

        var responses = new[]
        {
            await Api.GetAsync("/api/crons"),
            await Api.PostAsync("/api/crons/__pbDBOptimize__", null),
            await Api.GetAsync("/api/crons", user),
            await Api.PostAsync("/api/crons/__pbDBOptimize__", null, user),
        };

        Assert.That(responses.Select(r => r.Status), Is.EqualTo(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden }));
    }
}
