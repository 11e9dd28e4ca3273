using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PocketBaseSharp.Server.Api;

namespace PocketBaseSharp.Server.Tests.Api;

/// <summary>Responses are written straight as UTF-8, byte for byte what the node serialises to, plus <c>\n</c>.</summary>
public sealed class JsonOutputTests
{
    private static async Task<(string Body, long? Length)> WriteAsync(JsonNode? node, string method = "GET")
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        using var body = new MemoryStream();
        http.Response.Body = body;
        await JsonOutput.WriteAsync(http, node);
        return (Encoding.UTF8.GetString(body.ToArray()), http.Response.ContentLength);
    }

    [Test]
    public async Task Write_IsTheCompactRelaxedJson_WithItsLength()
    {
        var node = new JsonObject { ["a"] = "<é & \"q\" ✓>", ["n"] = 1.5, ["list"] = new JsonArray(1, null, true), ["nested"] = new JsonObject { ["x"] = "y" } };

        var (text, length) = await WriteAsync(node);

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo(node.ToJsonString(JsonOutput.Options) + "\n"));
            Assert.That(text, Does.StartWith("{\"a\":\"<é & \\\"q\\\" ✓>\""));
            Assert.That(length, Is.EqualTo(Encoding.UTF8.GetByteCount(text)));
        });
    }

    [Test]
    public async Task Write_Null_IsTheNullLiteral() => Assert.That((await WriteAsync(null)).Body, Is.EqualTo("null\n"));

    [Test]
    public async Task Write_ForHead_HasNoBody() => Assert.That((await WriteAsync(new JsonObject { ["a"] = 1 }, "HEAD")).Body, Is.Empty);
}
