using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Tests.Support;

/// <summary>A thin JSON client for the API tests; every call has a timeout.</summary>
public sealed class ApiClient(Uri baseUri) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(20) };

    public sealed record Response(HttpStatusCode Status, string Text, HttpResponseMessage Message)
    {
        public JsonNode? Json => Text.Length == 0 ? null : JsonNode.Parse(Text);

        public JsonObject Object => (JsonObject)Json!;
    }

    public async Task<Response> SendAsync(HttpMethod method, string url, object? body = null, string? token = null, string? rawBody = null, string contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        foreach (var (k, v) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(k, v);
        }

        var text = rawBody ?? (body is null ? null : body is JsonNode node ? node.ToJsonString() : System.Text.Json.JsonSerializer.Serialize(body));
        if (text is not null)
        {
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await _http.SendAsync(request);
        return new Response(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public Task<Response> GetAsync(string url, string? token = null) => SendAsync(HttpMethod.Get, url, token: token);

    public Task<Response> PostAsync(string url, object? body, string? token = null) => SendAsync(HttpMethod.Post, url, body, token);

    public Task<Response> PatchAsync(string url, object? body, string? token = null) => SendAsync(HttpMethod.Patch, url, body, token);

    public Task<Response> DeleteAsync(string url, string? token = null) => SendAsync(HttpMethod.Delete, url, token: token);

    public async Task<string> LoginAsync(string collection, string identity, string password)
    {
        var response = await PostAsync($"/api/collections/{collection}/auth-with-password", new { identity, password });
        return response.Status == HttpStatusCode.OK
            ? response.Object["token"]!.GetValue<string>()
            : throw new InvalidOperationException($"login failed {response.Status}: {response.Text}");
    }

    public void Dispose() => _http.Dispose();
}
