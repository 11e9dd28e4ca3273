using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PocketBaseSharp.Server.Realtime;

public static class RealtimeListenOptionsExtensions
{
    /// <summary>Puts <see cref="RealtimeConnectionGate"/> in front of the endpoint's HTTP handling.</summary>
    public static ListenOptions UseRealtimeConnectionGate(this ListenOptions listen)
    {
        var kestrel = listen.KestrelServerOptions;
        listen.Use(next => new RealtimeConnectionGate(next, listen.ApplicationServices, kestrel.Limits.KeepAliveTimeout, kestrel.AddServerHeader).OnConnectionAsync);
        return listen;
    }
}
