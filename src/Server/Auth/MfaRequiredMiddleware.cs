using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;

namespace PocketBaseSharp.Server.Auth;

/// <summary>Writes the MFA challenge body for <see cref="MfaRequiredException"/>; runs inside the error middleware.</summary>
public sealed class MfaRequiredMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (MfaRequiredException e) when (!http.Response.HasStarted)
        {
            await JsonOutput.WriteAsync(http, new JsonObject { ["mfaId"] = e.MfaId }, StatusCodes.Status401Unauthorized);
        }
    }
}
