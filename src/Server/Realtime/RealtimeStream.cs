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
        PrepareResponse(http);

        using var client = new RealtimeClient(RealtimeClientId.New(), RealtimeClientAddress.Of(http), options.Value.QueueCapacity);
        bus.Register(client);
        // Every ending closes the client, which ends the pump: a disconnect through this one
        // registration, idle timeout and max lifetime through RealtimeSweeper's shared timer,
        // shutdown through RealtimeShutdown (or here, for a stream that arrives while stopping).
        // No timer or token source of its own: thousands of streams are open at once.
        using var aborted = http.RequestAborted.UnsafeRegister(CloseClient, client);
        try
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                client.Close();
            }

            client.TrySend(ConnectMessage(client.Id));
            await PumpAsync(http, client);
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

    private static async Task PumpAsync(HttpContext http, RealtimeClient client)
    {
        var output = http.Response.BodyWriter;
        try
        {
            await http.Response.StartAsync(client.Closed);
            // Completes with false once the client is closed and its queue is empty.
            while (await client.Reader.WaitToReadAsync())
            {
                while (client.Reader.TryRead(out var message))
                {
                    if (client.IsClosed)
                    {
                        // Dropped, timed out or shutting down: what is still queued is not written.
                        return;
                    }

                    SseFrame.Write(output, client.Id, message);
                    // The token only matters when the flush has to wait (a client that does not
                    // read): closing the client then ends the wait.
                    var flushed = await output.FlushAsync(client.Closed);
                    if (flushed.IsCanceled || flushed.IsCompleted)
                    {
                        return;
                    }

                    // The idle timeout counts from the last delivered message.
                    client.MarkActive();
                }
            }
        }
        catch (OperationCanceledException) when (client.IsClosed)
        {
            // Closed while starting or flushing: the response simply ends.
        }
        catch (IOException)
        {
            // The connection broke while writing; the client is gone either way.
        }
    }

    private static void CloseClient(object? client) => ((RealtimeClient)client!).Close();
}
