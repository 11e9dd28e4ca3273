using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Api;

/// <summary>JSON responses as upstream writes them: compact and ending with a single <c>\n</c>.</summary>
public static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static IResult Result(JsonNode? node, int status = 200) => new JsonNodeResult(node, status);

    public static async Task WriteAsync(HttpContext http, JsonNode? node, int status = 200)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }

        var text = node is null ? "null" : node.ToJsonString(Options);
        await http.Response.WriteAsync(text + "\n", CancellationToken.None);
    }

    private sealed class JsonNodeResult(JsonNode? node, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, node, status);
    }
}
