using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>REST and realtime calls against a <see cref="ServerProcess"/>.</summary>
public sealed class ServerApi(Uri address) : IDisposable
{
    public HttpClient Http { get; } = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, string? token = null, JsonNode? body = null, int expectedStatus = 200)
    {
        using var response = await RawAsync(method, path, token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(expectedStatus), $"{method} {path}: {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public async Task<HttpResponseMessage> RawAsync(HttpMethod method, string path, string? token = null, JsonNode? body = null)
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

        return await Http.SendAsync(request);
    }

    public async Task<string> LoginAsync(string collection, string identity, string password) =>
        (await SendAsync(HttpMethod.Post, $"/api/collections/{collection}/auth-with-password", null,
            new JsonObject { ["identity"] = identity, ["password"] = password }))!["token"]!.GetValue<string>();

    public async Task<(string Id, string Token)> CreateUserAsync(string email, string password = "user-password-1")
    {
        var user = await SendAsync(HttpMethod.Post, "/api/collections/users/records", null,
            new JsonObject { ["email"] = email, ["password"] = password, ["passwordConfirm"] = password });
        return (user!["id"]!.GetValue<string>(), await LoginAsync("users", email, password));
    }

    public async Task<JsonNode> CreateAsync(string collection, JsonObject body, string? token = null) =>
        (await SendAsync(HttpMethod.Post, $"/api/collections/{collection}/records", token, body))!;

    /// <summary>Opens an SSE stream and reads its PB_CONNECT.</summary>
    public async Task<RealtimeConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var response = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/realtime"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var connect = await reader.NextAsync(cancellationToken) ?? throw new InvalidOperationException("The stream ended before PB_CONNECT.");
        return new RealtimeConnection(response, reader, connect);
    }

    /// <summary>Connects and subscribes with <paramref name="token"/> (null = guest).</summary>
    public async Task<RealtimeConnection> SubscribeAsync(string? token, CancellationToken cancellationToken, params string[] topics)
    {
        var connection = await ConnectAsync(cancellationToken);
        await PostSubscriptionsAsync(connection, token, topics);
        return connection;
    }

    public async Task PostSubscriptionsAsync(RealtimeConnection connection, string? token, string[] topics, int expectedStatus = 204) =>
        await SendAsync(HttpMethod.Post, "/api/realtime", token,
            JsonNode.Parse(RealtimeProtocolTests.Body(connection.ClientId, topics)), expectedStatus);

    public void Dispose() => Http.Dispose();
}
