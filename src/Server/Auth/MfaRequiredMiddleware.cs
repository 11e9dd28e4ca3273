using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;

namespace PocketBaseSharp.Server.Auth;

/// <summary>Writes the MFA challenge body for <see cref="MfaRequiredException"/>; runs inside the error middleware.</summary>
public sealed class MfaRequiredMiddleware(RequestDelegate next)
{
    /// <summary>Set on a request answered with the challenge: a 401 that is a normal answer, not a failure.</summary>
    public static readonly object ChallengeKey = new();

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (MfaRequiredException e) when (!http.Response.HasStarted)
        {
            http.Items[ChallengeKey] = true;
            await JsonOutput.WriteAsync(http, new JsonObject { ["mfaId"] = e.MfaId }, StatusCodes.Status401Unauthorized);
        }
    }
}
