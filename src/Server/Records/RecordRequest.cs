using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Files;

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
    /// <summary>Uploaded file parts by form key (<c>documents</c>, <c>documents+</c>, <c>+documents</c>).</summary>
    public IReadOnlyDictionary<string, List<UploadedFile>> Files { get; init; } = new Dictionary<string, List<UploadedFile>>();

    /// <summary>The submitted password, hashed before the write transaction (null: the form hashes it).</summary>
    public PrehashedPassword? PrehashedPassword { get; init; }

    /// <summary>The submitted old password, checked before the write transaction (null: the form checks it).</summary>
    public PrecheckedOldPassword? OldPassword { get; init; }

    public string? Param(string name) => Query.TryGetValue(name, out var v) ? v : null;

    public static IReadOnlyDictionary<string, string> QueryOf(HttpContext http) =>
        http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
}
