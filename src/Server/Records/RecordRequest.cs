using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Records;

/// <summary>One records-API call, from HTTP or from a batch sub-request.</summary>
public sealed record RecordRequest(
    HttpContext? Http,
    RequestAuthState Auth,
    string Method,
    string Collection,
    string? Id,
    JsonObject Body,
    IReadOnlyDictionary<string, string> Query)
{
    public string? Param(string name) => Query.TryGetValue(name, out var v) ? v : null;

    public static IReadOnlyDictionary<string, string> QueryOf(HttpContext http) =>
        http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
}
