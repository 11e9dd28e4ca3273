using System.Text;
using Microsoft.AspNetCore.Http;
using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

public sealed class SubscribeFormTests
{
    [TestCase("", "", 0)]
    [TestCase("application/json", "  ", 0)]
    [TestCase("application/json", """{"clientId":"abc","subscriptions":["a","b"]}""", 2)]
    [TestCase("application/json", """{"clientId":"abc","subscriptions":null}""", 0)]
    [TestCase("application/x-www-form-urlencoded", "clientId=abc&subscriptions=a&subscriptions=b%2F*", 2)]
    public async Task ReadAsync_AcceptedBodies(string contentType, string body, int subscriptions)
    {
        var form = await SubscribeForm.ReadAsync(Request(contentType, body));

        Assert.That(form, Is.Not.Null);
        Assert.That(form!.Subscriptions, Has.Count.EqualTo(subscriptions));
    }

    [TestCase("{")]
    [TestCase("[]")]
    [TestCase("""{"clientId":5}""")]
    [TestCase("""{"subscriptions":"posts"}""")]
    [TestCase("""{"subscriptions":[1]}""")]
    public async Task ReadAsync_UnreadableBodies_AreNull(string body) =>
        Assert.That(await SubscribeForm.ReadAsync(Request("application/json", body)), Is.Null);

    [Test]
    public void Validate_EmptyClientId_IsRequired()
    {
        var errors = new SubscribeForm("", []).Validate();

        Assert.That(errors.ToJsonString(), Is.EqualTo("""{"clientId":{"code":"validation_required","message":"Cannot be blank."}}"""));
    }

    [Test]
    public void Validate_Limits()
    {
        Assert.That(new SubscribeForm(new string('a', 255), [.. Enumerable.Repeat("x", 1000)]).Validate(), Is.Empty);
        Assert.That(new SubscribeForm(new string('a', 256), []).Validate()["clientId"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_length_out_of_range"));
        Assert.That(new SubscribeForm("a", [.. Enumerable.Repeat("x", 1001)]).Validate()["subscriptions"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_length_too_long"));
        Assert.That(new SubscribeForm("a", ["ok", new string('x', 2501)]).Validate()["subscriptions"]!["1"]!["code"]!.GetValue<string>(), Is.EqualTo("validation_length_too_long"));
    }

    private static HttpRequest Request(string contentType, string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = contentType.Length == 0 ? null : contentType;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return context.Request;
    }
}
