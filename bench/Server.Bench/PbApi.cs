using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// A small admin client for building the dataset through the public HTTP API (collections,
/// settings, batch, records). Failures throw with the server's body, so a broken seed is obvious.
/// </summary>
public sealed class PbApi(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false, UseCookies = false })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromMinutes(5),
    };

    public string? Token { get; set; }

    public async Task<JsonObject> AuthWithPasswordAsync(string collection, string identity, string password)
    {
        var body = new JsonObject { ["identity"] = identity, ["password"] = password };
        return await SendAsync(HttpMethod.Post, $"/api/collections/{collection}/auth-with-password", body, token: null);
    }

    public Task<JsonObject> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, Token);

    public Task<JsonObject> PostAsync(string path, JsonNode body) => SendAsync(HttpMethod.Post, path, body, Token);

    public Task<JsonObject> PatchAsync(string path, JsonNode body) => SendAsync(HttpMethod.Patch, path, body, Token);

    public Task<JsonObject> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null, Token);

    /// <summary>Runs record sub-requests in one batch and returns each created record's id.</summary>
    public async Task<List<string>> BatchCreateAsync(string collection, IEnumerable<JsonObject> bodies)
    {
        var requests = new JsonArray();
        foreach (var body in bodies)
        {
            requests.Add(new JsonObject { ["method"] = "POST", ["url"] = $"/api/collections/{collection}/records", ["body"] = body });
        }

        var node = await SendNodeAsync(HttpMethod.Post, "/api/batch", new JsonObject { ["requests"] = requests }, Token);
        return node!.AsArray().Select(r => r!["body"]!["id"]!.GetValue<string>()).ToList();
    }

    public async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonNode? body, string? token) =>
        (await SendNodeAsync(method, path, body, token)) as JsonObject ?? [];

    private async Task<JsonNode?> SendNodeAsync(HttpMethod method, string path, JsonNode? body, string? token)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} -> {(int)response.StatusCode}: {text[..Math.Min(text.Length, 600)]}");
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public void Dispose() => _http.Dispose();
}
