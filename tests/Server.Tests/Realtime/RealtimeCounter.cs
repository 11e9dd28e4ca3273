using System.Diagnostics.Metrics;
using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>Sums one counter of <see cref="RealtimeMetrics"/> while it is alive (tests run one at a time).</summary>
public sealed class RealtimeCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public RealtimeCounter(Counter<long> counter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RealtimeMetrics.MeterName && instrument.Name == counter.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
        _listener.Start();
    }

    /// <summary>Streams the connection gate served (<see cref="RealtimeMetrics.DirectStreams"/>).</summary>
    public static RealtimeCounter DirectStreams() => new(RealtimeMetrics.DirectStreams);

    /// <summary>Messages written straight to a socket (<see cref="RealtimeMetrics.SocketSends"/>).</summary>
    public static RealtimeCounter SocketSends() => new(RealtimeMetrics.SocketSends);

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
