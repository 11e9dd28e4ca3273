using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Options;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Serves one <c>GET /api/realtime</c>: registers a client, sends <c>PB_CONNECT</c>, then writes
/// queued messages (one flush each) until the client goes away, is dropped, stays idle too long,
/// reaches its maximum lifetime or the server shuts down. Every ending is a normal end of the
/// response, so the SDK simply reconnects.
/// </summary>
public sealed class RealtimeStream(IRealtimeBus bus, IOptions<RealtimeOptions> options, IHostApplicationLifetime lifetime)
{
    public const string ConnectEvent = "PB_CONNECT";

    public async Task RunAsync(HttpContext http)
    {
        var settings = options.Value;
        PrepareResponse(http);

        using var client = new RealtimeClient(RealtimeClientId.New(), http.Connection.RemoteIpAddress?.ToString(), settings.QueueCapacity);
        bus.Register(client);
        try
        {
            client.TrySend(ConnectMessage(client.Id));
            await PumpAsync(http, client, settings);
        }
        finally
        {
            bus.Unregister(client);
        }
    }

    public static RealtimeMessage ConnectMessage(string clientId) =>
        RealtimeMessage.FromJson(ConnectEvent, JsonSerializer.Serialize(new Dictionary<string, string> { ["clientId"] = clientId }));

    private static void PrepareResponse(HttpContext http)
    {
        // A stream may stay silent for minutes: no minimum data rate, no buffering anywhere.
        if (http.Features.Get<IHttpMinResponseDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        // Tells nginx-like proxies not to hold the events back.
        http.Response.Headers["X-Accel-Buffering"] = "no";
    }

    private async Task PumpAsync(HttpContext http, RealtimeClient client, RealtimeOptions settings)
    {
        // One token source per stream (thousands of streams are open at once): the idle and
        // lifetime limits share its timer, the other endings cancel it through registrations.
        var deadline = DateTime.UtcNow + settings.MaxLifetime;
        using var stop = new CancellationTokenSource();
        void RestartTimer() => stop.CancelAfter(Min(settings.IdleTimeout, deadline - DateTime.UtcNow));
        RestartTimer();
        using var aborted = http.RequestAborted.UnsafeRegister(Cancel, stop);
        using var closed = client.Closed.UnsafeRegister(Cancel, stop);
        using var stopping = lifetime.ApplicationStopping.UnsafeRegister(Cancel, stop);
        var output = http.Response.BodyWriter;
        try
        {
            await http.Response.StartAsync(stop.Token);
            while (await client.Reader.WaitToReadAsync(stop.Token))
            {
                while (client.Reader.TryRead(out var message))
                {
                    SseFrame.Write(output, client.Id, message);
                    var flushed = await output.FlushAsync(stop.Token);
                    if (flushed.IsCanceled || flushed.IsCompleted)
                    {
                        return;
                    }

                    // The idle timer counts from the last delivered message.
                    RestartTimer();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Any of the endings above: the response simply ends.
        }
        catch (IOException)
        {
            // The connection broke while writing; the client is gone either way.
        }
    }

    private static void Cancel(object? source) => ((CancellationTokenSource)source!).Cancel();

    private static TimeSpan Min(TimeSpan idle, TimeSpan remaining)
    {
        remaining = remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        return idle < remaining ? idle : remaining;
    }
}
