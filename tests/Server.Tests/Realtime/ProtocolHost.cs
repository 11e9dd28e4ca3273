using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>
/// The realtime endpoints alone on a real Kestrel listener (127.0.0.1, free port), so that the
/// protocol layer is tested over real sockets before and independently of the full server.
/// </summary>
public sealed class ProtocolHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProtocolHost(WebApplication app, Uri address)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpClient Http { get; }

    public IRealtimeBus Bus => _app.Services.GetRequiredService<IRealtimeBus>();

    public Uri Address => Http.BaseAddress!;

    /// <param name="middleware">Runs before the realtime endpoints (for tests of what the pipeline may do to a stream).</param>
    public static async Task<ProtocolHost> StartAsync(TimeSpan? idleTimeout = null, int queueCapacity = 1000, TimeSpan? maxLifetime = null, Func<HttpContext, RequestDelegate, Task>? middleware = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(listen => listen.UseRealtimeConnectionGate()));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Realtime:IdleTimeout"] = (idleTimeout ?? TimeSpan.FromMinutes(5)).ToString(),
            ["Realtime:MaxLifetime"] = (maxLifetime ?? TimeSpan.FromMinutes(30)).ToString(),
            ["Realtime:QueueCapacity"] = queueCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddRealtimeProtocol(builder.Configuration);
        builder.Services.AddSingleton<IRealtimeAuthenticator, HeaderAuthenticator>();
        var app = builder.Build();
        app.UseMiddleware<PocketBaseSharp.Server.Api.ErrorMiddleware>();
        if (middleware is not null)
        {
            app.Use(middleware);
        }
        app.MapRealtimeApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ProtocolHost(app, new Uri(address));
    }

    /// <summary>Opens a stream and reads its PB_CONNECT.</summary>
    public async Task<RealtimeConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var response = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/realtime"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var connect = await reader.NextAsync(cancellationToken) ?? throw new InvalidOperationException("The stream ended before PB_CONNECT.");
        return new RealtimeConnection(response, reader, connect);
    }

    public async Task<HttpResponseMessage> SubscribeAsync(string? auth, string body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/realtime")
        {
            Content = new StringContent(body, new MediaTypeHeaderValue("application/json")),
        };
        if (auth is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", auth);
        }

        return await Http.SendAsync(request, cancellationToken);
    }

    public async Task StopAsync() => await _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
    }
}
