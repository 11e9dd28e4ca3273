using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>The error responses of <c>POST /api/realtime</c> in the API's <c>{status, message, data}</c> shape.</summary>
public static class RealtimeErrors
{
    public const string Generic = "Something went wrong while processing your request.";
    public const string MissingClient = "Missing or invalid client id.";
    public const string InvalidClient = "Invalid realtime client.";
    public const string AuthMismatch = "The current and the previous request authorization don't match.";

    public static IResult Error(int status, string message, JsonObject? data = null) =>
        new ErrorResult(new JsonObject
        {
            ["data"] = data ?? [],
            ["message"] = message,
            ["status"] = status,
        }, status);

    public static JsonObject FieldError(string code, string message, JsonObject? parameters = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (parameters is not null)
        {
            error["params"] = parameters;
        }

        return error;
    }

    private sealed class ErrorResult(JsonObject body, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/json";
            return httpContext.Response.WriteAsync(body.ToJsonString() + "\n");
        }
    }
}
