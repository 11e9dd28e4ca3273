using System.Buffers;
using System.Net.Sockets;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Writes a plaintext HTTP/1.1 stream's messages straight to its socket, as chunks, on the thread
/// that delivers them. Through Kestrel every message woke the stream's pump, took a 4 KB block of
/// Kestrel's pool and was sent later by Kestrel's I/O queue; a fan-out to 10,000 streams queued
/// 10,000 of each, and requests arriving meanwhile waited behind them. Here a message costs one
/// non-blocking <c>send</c>; only a socket that cannot take it (a client that does not read)
/// falls back to the queue, which the pump then drains with asynchronous sends.
/// </summary>
/// <remarks>
/// Bytes written through Kestrel and bytes written here must never interleave: a stream starts
/// (head, <c>PB_CONNECT</c>) through Kestrel and switches here only once <see cref="Delivered"/>
/// says the client has read <c>PB_CONNECT</c>; it ends through Kestrel (the last chunk) only
/// after <see cref="End"/>, which waits for a send in progress. Every field is guarded by
/// <see cref="Sync"/>.
/// </remarks>
internal sealed class RealtimeSocketWriter
{
    // A frame larger than this is not kept in the thread's reusable buffer.
    private const int MaxKeptBuffer = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_frame;

    private readonly Socket _socket;

    public RealtimeSocketWriter(Socket socket)
    {
        _socket = socket;
    }

    public Lock Sync { get; } = new();

    /// <summary>The client has read everything Kestrel sent (it subscribed, with the id from <c>PB_CONNECT</c>).</summary>
    public bool Delivered { get; private set; }

    /// <summary>The pump is sending a message taken from the queue.</summary>
    public bool PumpBusy { get; set; }

    /// <summary>Nothing more may be written here: the stream is ending.</summary>
    public bool Ended { get; private set; }

    /// <summary>A frame may have been cut short: the connection must be aborted, not ended with a last chunk.</summary>
    public bool Broken { get; private set; }

    /// <summary>Writes go here from now on. Called under <see cref="Sync"/>.</summary>
    public void MarkDelivered()
    {
        if (Delivered || Ended)
        {
            return;
        }

        // Synchronous sends must return at once when the socket buffer is full; Kestrel itself
        // only uses asynchronous operations, which the blocking mode does not affect.
        _socket.Blocking = false;
        Delivered = true;
    }

    /// <summary>The connection is to be aborted when the stream ends. Called under <see cref="Sync"/>.</summary>
    public void MarkBroken() => Broken = true;

    /// <summary>Stops writes here; a send in progress has finished when this returns.</summary>
    public void End()
    {
        lock (Sync)
        {
            Ended = true;
        }
    }

    /// <summary>
    /// Sends one message without waiting. Called under <see cref="Sync"/>, with nothing queued
    /// before it. <paramref name="rest"/> is what must still be sent when the socket could not
    /// take all of it (null: the whole message).
    /// </summary>
    public SocketSend SendNow(string clientId, RealtimeMessage message, out RealtimeMessage? rest)
    {
        rest = null;
        var frame = t_frame ??= new ArrayBufferWriter<byte>(1024);
        frame.ResetWrittenCount();
        Frame(frame, clientId, message);
        var bytes = frame.WrittenSpan;
        int sent;
        SocketError error;
        try
        {
            sent = _socket.Send(bytes, SocketFlags.None, out error);
        }
        catch (ObjectDisposedException)
        {
            // Kestrel closed the connection: the client is gone.
            Broken = true;
            return SocketSend.Failed;
        }
        finally
        {
            if (frame.Capacity > MaxKeptBuffer)
            {
                t_frame = null;
            }
        }

        if (error == SocketError.Success && sent == bytes.Length)
        {
            return SocketSend.Sent;
        }

        if (error is SocketError.Success or SocketError.WouldBlock)
        {
            if (sent > 0)
            {
                rest = RealtimeMessage.Framed(bytes[sent..].ToArray());
            }

            return SocketSend.Blocked;
        }

        Broken = true;
        return SocketSend.Failed;
    }

    /// <summary>Sends one message taken from the queue, waiting for the socket; false when the stream must end.</summary>
    public async Task<bool> SendAsync(string clientId, RealtimeMessage message, CancellationToken closed)
    {
        var frame = new ArrayBufferWriter<byte>(message.Data.Length + 128);
        Frame(frame, clientId, message);
        var rest = frame.WrittenMemory;
        try
        {
            while (rest.Length > 0)
            {
                rest = rest[await _socket.SendAsync(rest, SocketFlags.None, closed)..];
            }

            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Dropped while waiting for a client that does not read, or the connection broke:
            // part of the frame may be on the wire.
            lock (Sync)
            {
                Broken = true;
            }

            return false;
        }
    }

    private static void Frame(IBufferWriter<byte> output, string clientId, RealtimeMessage message)
    {
        if (message.IsFramed)
        {
            output.Write(message.Data.Span);
        }
        else
        {
            SseFrame.WriteChunk(output, clientId, message);
        }
    }
}
