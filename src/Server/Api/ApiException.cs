using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Api;

/// <summary>
/// The one error type of the API. It is rendered as upstream's <c>{status, message, data}</c>
/// body by <see cref="ErrorMiddleware"/>; raw exceptions are never serialised.
/// </summary>
public sealed class ApiException(int status, string? message = null, JsonObject? data = null, Exception? cause = null)
    : Exception(message ?? DefaultMessage(status), cause)
{
    public int Status { get; } = status;

    public JsonObject ErrorData { get; } = data ?? [];

    public static ApiException BadRequest(string? message = null, JsonObject? data = null) => new(400, message, data);

    public static ApiException Unauthorized(string? message = null) => new(401, message);

    public static ApiException Forbidden(string? message = null) => new(403, message);

    public static ApiException NotFound(string? message = null) => new(404, message);

    public static string DefaultMessage(int status) => status switch
    {
        401 => "Missing or invalid authentication.",
        403 => "You are not allowed to perform this request.",
        404 => "The requested resource wasn't found.",
        413 => "Request entity too large.",
        429 => "Too Many Requests.",
        _ => "Something went wrong while processing your request.",
    };

    /// <summary>Upstream normalises messages: trimmed, first letter upper-cased, final period.</summary>
    public static string Normalize(string message)
    {
        var text = message.Trim();
        if (text.Length == 0)
        {
            return text;
        }

        text = char.ToUpperInvariant(text[0]) + text[1..];
        return text[^1] is '.' or '?' or '!' ? text : text + ".";
    }
}
