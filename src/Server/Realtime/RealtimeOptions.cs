namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Settings of the SSE endpoint (section <c>Realtime</c> of the configuration). The defaults are
/// upstream's; tests shorten the timeouts to keep them quick.
/// </summary>
public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>The stream ends when nothing was written for this long (upstream: 5 minutes).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The stream ends after this long whatever the activity (upstream: 30 minutes).</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Messages that may wait for one client. A client that falls this far behind is dropped
    /// (its stream ends and the SDK reconnects) so that it never slows writers or other clients.
    /// </summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>
    /// Write messages of plaintext HTTP/1.1 streams straight to their sockets once the client has
    /// subscribed (<see cref="RealtimeSocketWriter"/>); off, every message goes through Kestrel.
    /// </summary>
    public bool SocketWrites { get; set; } = true;
}
