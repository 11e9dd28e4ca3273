using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;

namespace PocketBaseSharp.Server.Legacy;

/// <summary>
/// Serves the <c>/api/admins</c> routes of SDKs before 0.22 (http-api.md §14) by rewriting them onto
/// the <c>_superusers</c> collection before routing, so the modern handlers, rules and checks apply
/// unchanged. Auth answers carry the record under <c>admin</c>, where those SDKs read it.
/// </summary>
public sealed class LegacyAdminRoutes(RequestDelegate next)
{
    private const string Prefix = "/api/admins";
    private const string Superusers = "/api/collections/_superusers";

    private static readonly HashSet<string> AuthActions = ["auth-with-password", "auth-refresh"];
    private static readonly HashSet<string> OtherActions = ["request-password-reset", "confirm-password-reset"];

    public Task InvokeAsync(HttpContext http)
    {
        // No async frame of its own: an async middleware costs a state machine per request that
        // waits, and on a new server each one's generic instantiation is compiled at the first such
        // request (docs/benchmarks.md, History, Tier A C1).
        var path = http.Request.Path.Value ?? "";
        return !path.StartsWith(Prefix, StringComparison.Ordinal) || (path.Length > Prefix.Length && path[Prefix.Length] != '/')
            ? next(http)
            : RewriteAsync(http, path);
    }

    private async Task RewriteAsync(HttpContext http, string path)
    {
        var rest = path[Prefix.Length..].Trim('/');
        if (rest.Contains('/'))
        {
            await next(http);
            return;
        }

        if (AuthActions.Contains(rest))
        {
            http.Request.Path = $"{Superusers}/{rest}";
            await RenameRecordToAdminAsync(http);
            return;
        }

        http.Request.Path = OtherActions.Contains(rest) ? $"{Superusers}/{rest}" : $"{Superusers}/records{(rest.Length > 0 ? "/" + rest : "")}";
        await next(http);
    }

    private async Task RenameRecordToAdminAsync(HttpContext http)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        buffer.Position = 0;
        if (http.Response.StatusCode == 200 && JsonNode.Parse(buffer) is JsonObject body && body["record"] is JsonNode record)
        {
            body.Remove("record");
            body["admin"] = record;
            http.Response.ContentLength = null;
            await JsonOutput.WriteAsync(http, body);
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original);
    }
}
