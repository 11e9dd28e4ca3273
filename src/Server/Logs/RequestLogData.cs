using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Logs;

/// <summary>The <c>_logs</c> entry of one request, with upstream's message, data keys and length caps.</summary>
public static class RequestLogData
{
    /// <summary>
    /// Successful responses that upstream does not log: the realtime stream, the logs API itself,
    /// the OAuth2 redirect and static files (the dashboard's assets and <c>pb_public</c>).
    /// </summary>
    public static bool SkipsSuccess(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        return (path == "/api/realtime" && HttpMethods.IsGet(http.Request.Method))
            || path == "/api/logs" || path.StartsWith("/api/logs/", StringComparison.Ordinal)
            || path == "/api/oauth2-redirect"
            || !path.StartsWith("/api/", StringComparison.Ordinal);
    }

    public static LogEntry Build(HttpContext http, TimeSpan elapsed, Exception? failure, int level, LogsSettings logs, TrustedProxySettings proxy)
    {
        var request = http.Request;
        var method = Cut(request.Method.ToUpperInvariant(), 50);
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : request.Path + request.QueryString;
        var url = Cut(target, 3000);
        var auth = RequestAuthState.Of(http).Record;

        // Added in key order: upstream stores the attributes as a JSON map, whose keys are sorted.
        var data = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["type"] = "request",
            ["execTime"] = Math.Round(elapsed.TotalMilliseconds, 6),
            ["url"] = url,
            ["method"] = method,
            ["status"] = http.Response.StatusCode,
            ["referer"] = Cut(request.Headers.Referer.ToString(), 2000),
            ["userAgent"] = Cut(request.Headers.UserAgent.ToString(), 2000),
            ["auth"] = auth?.Collection.Name ?? "",
        };
        if (auth is not null && logs.LogAuthId)
        {
            data["authId"] = auth.Id;
        }

        if (logs.LogIP)
        {
            data["userIP"] = ClientIp.Of(http, proxy);
            data["remoteIP"] = http.Connection.RemoteIpAddress?.ToString() ?? "";
        }

        AddError(data, failure, http.Response.StatusCode);
        return new LogEntry(RandomText.RecordId(), Clock.Now(), level, method + " " + Unescape(url), new JsonObject(data));
    }

    private static void AddError(SortedDictionary<string, JsonNode?> data, Exception? failure, int status)
    {
        switch (failure)
        {
            case ApiException api:
                data["error"] = ApiException.Normalize(api.Message);
                data["details"] = api.ErrorData.Count > 0 ? api.ErrorData.DeepClone() : null;
                break;
            case not null:
                data["error"] = failure.Message;
                break;
            case null when status >= 400:
                // Errors answered without an exception (unmatched routes, MFA challenges): the status' message.
                data["error"] = ApiException.DefaultMessage(status);
                data["details"] = null;
                break;
        }
    }

    private static string Unescape(string url)
    {
        try
        {
            return Uri.UnescapeDataString(url);
        }
        catch (UriFormatException)
        {
            return url;
        }
    }

    private static string Cut(string text, int max) => text.Length > max ? text[..max] + "..." : text;
}
