using System.Net;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;
using static PocketBaseSharp.Server.Tests.Support.Collections;

namespace PocketBaseSharp.Server.Tests.Api;

/// <summary>Bad input gets the upstream-shaped error and leaves the data unchanged; never a 500.</summary>
[CancelAfter(120_000)]
public sealed class BadInputTests : ServerTestBase
{
    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        await CreateAsync(Api, SuperuserToken, Public("notes", Field("title", "text"), Field("n", "number"), Field("data", "json", new JsonObject { ["maxSize"] = 100 }), Field("when", "date")));
        await Api.PostAsync("/api/collections/notes/records", new { id = "existing0000001", title = "original" });
    }

    public static IEnumerable<ApiScenario> Cases()
    {
        yield return new ApiScenario("malformed json", "POST", "/api/collections/notes/records", HttpStatusCode.BadRequest) { RawBody = "{\"title\":", Expected = ["\"status\":400", "\"data\":{}"] };
        yield return new ApiScenario("json array body", "POST", "/api/collections/notes/records", HttpStatusCode.BadRequest) { RawBody = "[1,2]" };
        yield return new ApiScenario("unsupported content type", "POST", "/api/collections/notes/records", HttpStatusCode.BadRequest) { RawBody = "x", ContentType = "text/plain", Expected = ["Unsupported Content-Type."] };
        yield return new ApiScenario("unknown collection", "GET", "/api/collections/ghost/records", HttpStatusCode.NotFound) { Expected = ["Missing collection context."] };
        yield return new ApiScenario("unknown field ignored", "POST", "/api/collections/notes/records", HttpStatusCode.OK) { Body = new { nope = 1, title = "t" }, NotExpected = ["nope"] };
        yield return new ApiScenario("wrong type coerced", "POST", "/api/collections/notes/records", HttpStatusCode.OK) { Body = new { n = "abc" }, Expected = ["\"n\":0"] };
        yield return new ApiScenario("json too large", "POST", "/api/collections/notes/records", HttpStatusCode.BadRequest) { Body = new { data = new string('x', 200) }, Expected = ["validation_json_size_limit"] };
        yield return new ApiScenario("over-long id", "POST", "/api/collections/notes/records", HttpStatusCode.BadRequest) { Body = new { id = new string('a', 16) }, Expected = ["\"id\":{\"code\":\"validation_max_text_constraint\""] };
        yield return new ApiScenario("id with forbidden characters", "POST", "/api/collections/notes/records", HttpStatusCode.BadRequest) { Body = new { id = "abc/def" } };
        yield return new ApiScenario("id change", "PATCH", "/api/collections/notes/records/existing0000001", HttpStatusCode.BadRequest) { Body = new { id = "other0000000001" }, Expected = ["validation_pk_change"] };
        yield return new ApiScenario("bad filter", "GET", "/api/collections/notes/records?filter=(title='x'", HttpStatusCode.BadRequest) { Expected = ["\"data\":{}"] };
        yield return new ApiScenario("bad sort", "GET", "/api/collections/notes/records?sort=-", HttpStatusCode.BadRequest);
        yield return new ApiScenario("bad fields modifier", "GET", "/api/collections/notes/records?fields=title:nope", HttpStatusCode.BadRequest);
        yield return new ApiScenario("huge unix date", "POST", "/api/collections/notes/records", HttpStatusCode.OK) { Body = new { title = "d", n = 1, when = 99999999999999999d } };
        yield return new ApiScenario("huge excerpt length", "GET", "/api/collections/notes/records?fields=title:excerpt(99999999999)", HttpStatusCode.BadRequest);
        yield return new ApiScenario("number overflow", "POST", "/api/collections/notes/records", HttpStatusCode.BadRequest) { RawBody = "{\"n\":1e400}", Expected = ["validation_not_a_number"] };
        yield return new ApiScenario("too many filter expressions", "GET", "/api/collections/notes/records?filter=" + string.Join("%26%26", Enumerable.Repeat("title%3D1", 250)), HttpStatusCode.BadRequest);
        yield return new ApiScenario("missing record", "GET", "/api/collections/notes/records/doesnotexist123", HttpStatusCode.NotFound) { Expected = ["The requested resource wasn't found."] };
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Scenario(ApiScenario scenario)
    {
        await ScenarioRunner.RunAsync(Api, scenario, caller => caller == "superuser" ? SuperuserToken : null);
        var original = await Api.GetAsync("/api/collections/notes/records/existing0000001");
        Assert.That(original.Object["title"]!.GetValue<string>(), Is.EqualTo("original"));
    }

    [Test]
    public async Task OversizedBody_Is413()
    {
        var big = new string('x', (32 << 20) + (2 << 20));
        var response = await Api.SendAsync(HttpMethod.Post, "/api/collections/_superusers/auth-with-password", rawBody: "{\"identity\":\"" + big + "\"}");
        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(response.Text, Does.Contain("Request entity too large."));
        });
    }
}
