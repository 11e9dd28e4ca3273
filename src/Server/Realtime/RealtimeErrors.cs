using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>The messages and field errors of <c>POST /api/realtime</c>, rendered by the API's error middleware.</summary>
public static class RealtimeErrors
{
    public const string Generic = "Something went wrong while processing your request.";
    public const string MissingClient = "Missing or invalid client id.";
    public const string InvalidClient = "Invalid realtime client.";
    public const string AuthMismatch = "The current and the previous request authorization don't match.";

    public static JsonObject FieldError(string code, string message, JsonObject? parameters = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (parameters is not null)
        {
            error["params"] = parameters;
        }

        return error;
    }
}
