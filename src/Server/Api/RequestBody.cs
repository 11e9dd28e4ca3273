using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using PocketBaseSharp.Server.Files;

namespace PocketBaseSharp.Server.Api;

/// <summary>
/// Reads a request body as upstream does: JSON object, multipart or urlencoded form (with value
/// inference and <c>@jsonPayload</c>); an empty body is an empty object whatever its type.
/// </summary>
public static class RequestBody
{
    /// <param name="files">Receives the file parts by form key; without it file parts are ignored.</param>
    public static async Task<JsonObject> ReadAsync(HttpRequest request, long limit, string invalidMessage = "", Dictionary<string, List<UploadedFile>>? files = null)
    {
        if (request.ContentLength > limit)
        {
            throw new ApiException(413);
        }

        var bytes = await ReadLimitedAsync(request.Body, limit, request.ContentLength);
        if (bytes.Length == 0)
        {
            return [];
        }

        var type = request.ContentType ?? "";
        if (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || type.Length == 0)
        {
            return ParseJsonObject(bytes, invalidMessage);
        }

        if (type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadMultipartAsync(bytes, type, invalidMessage, files);
        }

        if (type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            var form = QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(bytes));
            var result = new JsonObject();
            foreach (var (key, values) in form)
            {
                AddFormValues(result, key, values.Select(v => v ?? "").ToList());
            }

            return result;
        }

        throw ApiException.BadRequest("Unsupported Content-Type.");
    }

    public static JsonObject ParseJsonObject(byte[] bytes, string invalidMessage)
    {
        try
        {
            return JsonNode.Parse(bytes) as JsonObject ?? throw ApiException.BadRequest(NullIfEmpty(invalidMessage));
        }
        catch (JsonException)
        {
            throw ApiException.BadRequest(NullIfEmpty(invalidMessage));
        }
    }

    private static async Task<JsonObject> ReadMultipartAsync(byte[] bytes, string contentType, string invalidMessage, Dictionary<string, List<UploadedFile>>? files)
    {
        var boundary = Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(Microsoft.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw ApiException.BadRequest("Failed to read the submitted data.");
        }

        var reader = new MultipartReader(boundary, new MemoryStream(bytes));
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var payloads = new List<string>();
        try
        {
            while (await reader.ReadNextSectionAsync() is { } section)
            {
                var disposition = Microsoft.Net.Http.Headers.ContentDispositionHeaderValue.Parse(section.ContentDisposition);
                var name = Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.FileName.HasValue || disposition.FileNameStar.HasValue)
                {
                    var fileName = Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    if (files is not null && fileName.Length > 0)
                    {
                        (files.TryGetValue(name, out var list) ? list : files[name] = []).Add(await ReadUploadAsync(section.Body, fileName));
                    }

                    continue;
                }

                var text = await new StreamReader(section.Body).ReadToEndAsync();
                if (name == "@jsonPayload")
                {
                    payloads.Add(text);
                }
                else
                {
                    (values.TryGetValue(name, out var list) ? list : values[name] = []).Add(text);
                }
            }
        }
        catch (IOException)
        {
            throw ApiException.BadRequest("Failed to read the submitted data.");
        }

        var result = new JsonObject();
        foreach (var (key, list) in values)
        {
            AddFormValues(result, key, list);
        }

        foreach (var payload in payloads)
        {
            foreach (var (key, value) in ParseJsonObject(System.Text.Encoding.UTF8.GetBytes(payload), invalidMessage))
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    private static async Task<UploadedFile> ReadUploadAsync(Stream body, string fileName)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer);
        var content = buffer.ToArray();
        var type = ContentTypes.Detect(content.AsSpan(0, Math.Min(content.Length, 3072)));
        return new UploadedFile(FileNames.Generate(fileName, type), fileName, content, type);
    }

    private static void AddFormValues(JsonObject result, string key, List<string> values) =>
        result[key] = values.Count == 1 ? Infer(values[0]) : new JsonArray([.. values.Select(Infer)]);

    /// <summary>Form value inference: booleans, and numbers that re-format to the same text.</summary>
    public static JsonNode? Infer(string value)
    {
        if (value is "true" or "false")
        {
            return JsonValue.Create(value == "true");
        }

        if (value.Length > 0 && (char.IsAsciiDigit(value[0]) || value[0] == '-')
            && double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            && d.ToString("R", CultureInfo.InvariantCulture) == value)
        {
            return Collections.Json.NumberNode(d);
        }

        return JsonValue.Create(value);
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream body, long limit, long? contentLength)
    {
        // A body whose length is announced is read straight into an array of that size: every
        // create and update came through here, and a fresh 80 KB chunk per request was most of
        // the server's garbage under a write load (docs/realtime.md, "Socket writes").
        // (Up to 1 MB: a larger announced length is not allocated before its bytes arrive.)
        if (contentLength is { } length && length <= Math.Min(limit, 1 << 20))
        {
            var exact = new byte[length];
            try
            {
                await body.ReadExactlyAsync(exact, CancellationToken.None);
            }
            catch (EndOfStreamException)
            {
                // Kestrel ends the body at the announced length; fewer bytes means the client went away.
                throw new ApiException(400);
            }

            return exact;
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, CancellationToken.None)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    throw new ApiException(413);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
