using System.Diagnostics.Metrics;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Realtime's instruments (meter <c>PocketBaseSharp.Realtime</c>, readable with any
/// OpenTelemetry/dotnet-counters listener): how many streams were opened, and how many of them
/// were served directly on the connection by <see cref="RealtimeConnectionGate"/>, and how many
/// messages went straight to a socket (<see cref="RealtimeSocketWriter"/>).
/// </summary>
public static class RealtimeMetrics
{
    public const string MeterName = "PocketBaseSharp.Realtime";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Streams = Meter.CreateCounter<long>("pocketbase.realtime.streams", description: "SSE streams opened.");

    public static readonly Counter<long> DirectStreams = Meter.CreateCounter<long>("pocketbase.realtime.direct_streams", description: "SSE streams served on the connection, below the HTTP pipeline.");

    public static readonly Counter<long> SocketSends = Meter.CreateCounter<long>("pocketbase.realtime.socket_sends", description: "Messages written straight to a stream's socket by the thread delivering them.");
}
