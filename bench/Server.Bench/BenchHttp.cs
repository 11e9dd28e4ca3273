using System.Net.Http.Headers;

namespace PocketBaseSharp.Server.Bench;

/// <summary>
/// Sends one benchmark request and drains the body. <see cref="NewConnections"/> mirrors upstream's
/// runner (a fresh transport, so a TCP connect, per request); <see cref="KeepAlive"/> is a pool
/// sized to the concurrency, for steady-state figures.
/// </summary>
public sealed class BenchHttp(HttpClient client, bool closeConnection) : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    public static BenchHttp NewConnections(string baseUrl) => new(Create(baseUrl, int.MaxValue), closeConnection: true);

    public static BenchHttp KeepAlive(string baseUrl, int connections) => new(Create(baseUrl, connections), closeConnection: false);

    public async Task<int> SendAsync(HttpMethod method, string path, string? token, byte[]? jsonBody, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (closeConnection)
        {
            request.Headers.ConnectionClose = true;
        }

        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        if (jsonBody is not null)
        {
            request.Content = new ByteArrayContent(jsonBody);
            request.Content.Headers.ContentType = JsonType;
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await response.Content.CopyToAsync(Stream.Null, ct);
        return (int)response.StatusCode;
    }

    public Task<int> GetAsync(string path, string? token, CancellationToken ct) => SendAsync(HttpMethod.Get, path, token, null, ct);

    public void Dispose() => client.Dispose();

    private static HttpClient Create(string baseUrl, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        UseProxy = false,
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    })
    {
        BaseAddress = new Uri(baseUrl),
        // Upstream's DefaultQueryTimeout: a request slower than this is an error, not a hang.
        Timeout = TimeSpan.FromSeconds(120),
    };
}
