using System.Buffers;
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

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = Options.Encoder,
        Indented = false,
        SkipValidation = true,
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

        // Serialised straight to UTF-8 (no intermediate string), sent with its length in one write.
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer, Options);
            }
        }

        buffer.Write("\n"u8);
        http.Response.ContentLength = buffer.WrittenCount;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, CancellationToken.None);
    }

    private sealed class JsonNodeResult(JsonNode? node, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, node, status);
    }
}
