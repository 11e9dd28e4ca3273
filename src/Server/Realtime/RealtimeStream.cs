using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Connections.Features;
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

    /// <summary>A stream served through Kestrel's HTTP pipeline (every request the connection gate leaves to it).</summary>
    public Task RunAsync(HttpContext http)
    {
        PrepareResponse(http);
        return ServeAsync(RealtimeClientAddress.Of(http), http.RequestAborted, PlainSocket(http), http, null);
    }

    /// <summary>
    /// A stream written straight to a connection whose response head is already in
    /// <paramref name="output"/> (<see cref="RealtimeConnectionGate"/>); each message is one chunk.
    /// </summary>
    /// <returns>False when the connection must be aborted rather than ended with the last chunk.</returns>
    public Task<bool> RunAsync(PipeWriter output, string remoteIp, Socket? socket, CancellationToken connectionClosed) =>
        ServeAsync(remoteIp, connectionClosed, socket, null, output);

    // One async frame for the whole stream (with the pump's): thousands of streams are open at once,
    // and each frame, closure or delegate between them was kept alive as long as the stream.
    private async Task<bool> ServeAsync(string remoteIp, CancellationToken aborted, Socket? socket, HttpContext? http, PipeWriter? output)
    {
        using var client = new RealtimeClient(RealtimeClientId.New(), remoteIp, options.Value.QueueCapacity);
        socket = options.Value.SocketWrites ? socket : null;
        bus.Register(client);
        RealtimeMetrics.Streams.Add(1);
        // Every ending closes the client, which ends the pump: a disconnect through this one
        // registration, idle timeout and max lifetime through RealtimeSweeper's shared timer,
        // shutdown through RealtimeShutdown (or here, for a stream that arrives while stopping).
        // No timer or token source of its own: thousands of streams are open at once.
        using var registration = aborted.UnsafeRegister(CloseClient, client);
        try
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                client.Close();
            }

            client.TrySend(ConnectMessage(client.Id));
            if (http is null)
            {
                if (socket is not null)
                {
                    client.UseSocket(socket);
                }

                await RealtimePump.RunAsync(output!, client, chunked: true);
                return client.SocketWriter?.Broken != true;
            }

            try
            {
                await http.Response.StartAsync(client.Closed);
            }
            catch (OperationCanceledException) when (client.IsClosed)
            {
                // Closed while starting: the response simply ends.
                return true;
            }

            // Messages may go straight to the socket only as chunks of the response Kestrel started,
            // with nothing transforming the body (a compressing middleware sets Content-Encoding).
            if (socket is not null
                && string.Equals(http.Response.Headers.TransferEncoding, "chunked", StringComparison.OrdinalIgnoreCase)
                && string.IsNullOrEmpty(http.Response.Headers.ContentEncoding))
            {
                client.UseSocket(socket);
            }

            await RealtimePump.RunAsync(http.Response.BodyWriter, client, chunked: false);
            if (client.SocketWriter?.Broken == true)
            {
                // A frame may be cut short: ending the response normally would corrupt the stream.
                http.Abort();
            }

            return true;
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

    /// <summary>The connection's socket, when the response bytes are sent on it as they are (plaintext HTTP/1.1).</summary>
    private static Socket? PlainSocket(HttpContext http) =>
        http.Request.Protocol == "HTTP/1.1" && !http.Request.IsHttps && http.Features.Get<ITlsConnectionFeature>() is null
            ? http.Features.Get<IConnectionSocketFeature>()?.Socket
            : null;

    private static void CloseClient(object? client) => ((RealtimeClient)client!).Close();
}
