using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Kestrel connection middleware that serves a connection whose first request is a plain
/// <c>GET /api/realtime</c> itself, below the HTTP pipeline. An SSE stream stays open for minutes
/// and thousands are open at once; through Kestrel's HTTP/1.1 layer each one keeps the parser
/// state, header collections, <c>HttpContext</c> and every suspended middleware alive (about
/// 7 KB more per stream, docs/realtime.md), here only the socket, the client and its pump. The answer is the
/// same bytes the pipeline would send. Any other first request, and every request after the
/// stream ends on a kept-alive connection, goes to Kestrel unchanged, and so does a realtime
/// request whose form or settings need the middlewares (see <see cref="RealtimeRequestHead"/>;
/// rate limits).
/// </summary>
public sealed class RealtimeConnectionGate(ConnectionDelegate next, IServiceProvider services, TimeSpan firstRequestTimeout, bool serverHeader)
{
    // How long the end of a stream may wait for a client that stopped reading before the connection is dropped.
    private static readonly TimeSpan EndTimeout = TimeSpan.FromSeconds(5);

    private readonly RealtimeStream _stream = services.GetRequiredService<RealtimeStream>();
    private readonly IHostApplicationLifetime _lifetime = services.GetRequiredService<IHostApplicationLifetime>();

    // Both absent when only the realtime protocol is hosted (tests): then neither the CORS
    // middleware nor trusted proxies exist on the pipeline path either.
    private readonly ServerOptions? _server = services.GetService<ServerOptions>();
    private readonly ISettingsSource? _settings = services.GetService<ISettingsSource>();

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        var head = await ReadHeadAsync(connection.Transport.Input);
        if (head is null)
        {
            await next(connection);
            return;
        }

        // Everything the stream needs from the request is taken here: the head (every header's
        // text) must not stay reachable from a state machine that lives as long as the stream.
        var output = connection.Transport.Output;
        output.Write(ResponseHead(head));
        if (await ServeAsync(connection, RemoteIp(connection, head)))
        {
            await next(connection);
        }
    }

    /// <summary>The head when this gate serves the request (consumed from the input); null, with nothing consumed, otherwise.</summary>
    private async Task<RealtimeRequestHead?> ReadHeadAsync(PipeReader input)
    {
        // Kestrel times out a connection that sends nothing; the gate must not wait longer either.
        CancellationTokenSource? timeout = null;
        try
        {
            while (true)
            {
                if (!input.TryRead(out var result))
                {
                    timeout ??= new CancellationTokenSource(firstRequestTimeout);
                    result = await input.ReadAsync(timeout.Token);
                }

                var buffer = result.Buffer;
                var head = RealtimeRequestHead.Parse(buffer, out var needMore, out var end);
                if (head is not null && _settings?.Current.RateLimits.Enabled != true)
                {
                    input.AdvanceTo(end);
                    return head;
                }

                if (head is null && needMore && !result.IsCompleted && !result.IsCanceled)
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }

                input.AdvanceTo(buffer.Start);
                return null;
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        finally
        {
            timeout?.Dispose();
        }
    }

    /// <summary>Serves the stream after its response head; true when the connection may carry further requests.</summary>
    private async Task<bool> ServeAsync(ConnectionContext connection, string remoteIp)
    {
        var output = connection.Transport.Output;
        RealtimeMetrics.DirectStreams.Add(1);
        // Plaintext only: with TLS the socket carries encrypted bytes.
        var socket = connection.Features.Get<ITlsHandshakeFeature>() is null ? connection.Features.Get<IConnectionSocketFeature>()?.Socket : null;
        var intact = await _stream.RunAsync(output, remoteIp, socket, connection.ConnectionClosed);
        if (connection.ConnectionClosed.IsCancellationRequested)
        {
            return false;
        }

        if (!intact)
        {
            // A frame may be cut short: a last chunk after it would not end the response.
            connection.Abort();
            return false;
        }

        // The last chunk ends the response as Kestrel would; a client that does not read it in
        // time (it was dropped for being too slow) loses the connection instead.
        output.Write("0\r\n\r\n"u8);
        using var timeout = new CancellationTokenSource(EndTimeout);
        try
        {
            var flushed = await output.FlushAsync(timeout.Token);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                connection.Abort();
                return false;
            }
        }
        catch (OperationCanceledException)
        {
            connection.Abort();
            return false;
        }

        return !_lifetime.ApplicationStopping.IsCancellationRequested;
    }

    private string RemoteIp(ConnectionContext connection, RealtimeRequestHead head)
    {
        var socketIp = (connection.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "";
        return _settings is null ? socketIp : ClientIp.Of(head, static (h, name) => h.Header(name), socketIp, _settings.Current.TrustedProxy);
    }

    /// <summary>The status line and headers the pipeline sends for a stream (<see cref="RealtimeStream"/>, <see cref="CorsMiddleware"/>).</summary>
    private byte[] ResponseHead(RealtimeRequestHead head)
    {
        var text = new StringBuilder(400);
        text.Append("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nDate: ")
            .Append(DateTimeOffset.UtcNow.ToString("r", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
        if (serverHeader)
        {
            text.Append("Server: Kestrel\r\n");
        }

        var allowOrigin = _server is null ? null : CorsHeaders.AllowOrigin(head.Header("Origin"), _server.Origins);
        if (allowOrigin is not null)
        {
            text.Append("Access-Control-Allow-Origin: ").Append(allowOrigin).Append("\r\n");
        }

        text.Append("Cache-Control: no-store\r\nTransfer-Encoding: chunked\r\n");
        if (_server is not null)
        {
            text.Append("Vary: Origin\r\n");
            foreach (var (name, value) in CorsHeaders.Security)
            {
                text.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        text.Append("X-Accel-Buffering: no\r\n\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
