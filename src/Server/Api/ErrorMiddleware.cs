using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Api;

/// <summary>
/// Maps every failure to upstream's <c>{status, message, data}</c> body in one place. Bad input
/// is always an <see cref="ApiException"/>; anything else is a 500 with a generic message.
/// </summary>
public sealed class ErrorMiddleware(RequestDelegate next, ILogger<ErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
            // Unmatched routes and methods are 404 JSON, as upstream (ASP.NET would answer 405 or an empty 404).
            if (http.Response.StatusCode is 404 or 405 && !http.Response.HasStarted && (http.GetEndpoint() is null || http.Response.StatusCode == 405))
            {
                await WriteErrorAsync(http, ApiException.NotFound());
            }
        }
        catch (ApiException ex)
        {
            await WriteErrorAsync(http, ex);
        }
        catch (BadHttpRequestException ex)
        {
            await WriteErrorAsync(http, new ApiException(ex.StatusCode == 413 ? 413 : 400));
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Unhandled error for {Method} {Path}", http.Request.Method, http.Request.Path);
            await WriteErrorAsync(http, new ApiException(500));
        }
    }

    public static async Task WriteErrorAsync(HttpContext http, ApiException ex)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        var body = new JsonObject
        {
            ["data"] = ex.ErrorData.DeepClone(),
            ["message"] = ApiException.Normalize(ex.Message),
            ["status"] = ex.Status,
        };
        await JsonOutput.WriteAsync(http, body, ex.Status);
    }
}
