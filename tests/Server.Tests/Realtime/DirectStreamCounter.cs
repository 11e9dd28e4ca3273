using System.Diagnostics.Metrics;
using PocketBaseSharp.Server.Realtime;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>Counts the streams <see cref="RealtimeConnectionGate"/> serves while it is alive (tests run one at a time).</summary>
public sealed class DirectStreamCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public DirectStreamCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RealtimeMetrics.MeterName && instrument.Name == RealtimeMetrics.DirectStreams.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
