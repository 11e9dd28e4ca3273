using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>
/// One TCP connection speaking HTTP/1.1 by hand, so that a test decides exactly which bytes arrive
/// in which packet and which request is the first on the connection.
/// </summary>
public sealed class RawHttpConnection : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly List<byte> _pending = [];

    private RawHttpConnection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    /// <param name="receiveBuffer">A small value keeps the kernel from buffering much for a client that does not read.</param>
    public static async Task<RawHttpConnection> OpenAsync(Uri address, CancellationToken ct, int? receiveBuffer = null)
    {
        var tcp = new TcpClient { NoDelay = true };
        if (receiveBuffer is { } size)
        {
            tcp.ReceiveBufferSize = size;
        }

        await tcp.ConnectAsync(address.Host, address.Port, ct);
        return new RawHttpConnection(tcp);
    }

    /// <summary>Opens a connection, sends <paramref name="request"/> (a realtime GET) and reads the response head and PB_CONNECT; returns the client id.</summary>
    public static async Task<(RawHttpConnection Connection, string ClientId)> OpenStreamAsync(Uri address, string request, CancellationToken ct, int? receiveBuffer = null)
    {
        var connection = await OpenAsync(address, ct, receiveBuffer);
        await connection.SendAsync(request, ct);
        await connection.ReadHeadAsync(ct);
        var connect = await connection.ReadChunkAsync(ct);
        return (connection, connect[3..43]);
    }

    public async Task SendAsync(string text, CancellationToken ct)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(text), ct);
        await _stream.FlushAsync(ct);
    }

    /// <summary>Status line and headers (names as sent, in order) of the next response.</summary>
    public async Task<(string Status, List<(string Name, string Value)> Headers)> ReadHeadAsync(CancellationToken ct)
    {
        var text = Encoding.ASCII.GetString(await ReadUntilAsync("\r\n\r\n"u8.ToArray(), ct));
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1).Select(l => (l[..l.IndexOf(':')], l[(l.IndexOf(':') + 1)..].Trim())).ToList();
        return (lines[0], headers);
    }

    /// <summary>The next chunk of a chunked body; "" for the last chunk.</summary>
    public async Task<string> ReadChunkAsync(CancellationToken ct)
    {
        var size = Convert.ToInt32(Encoding.ASCII.GetString(await ReadUntilAsync("\r\n"u8.ToArray(), ct)).Trim(), 16);
        var body = await ReadExactlyAsync(size + 2, ct);
        return Encoding.UTF8.GetString(body, 0, size);
    }

    /// <summary>A body of known length (non-chunked responses).</summary>
    public async Task<string> ReadBodyAsync(int length, CancellationToken ct) =>
        Encoding.UTF8.GetString(await ReadExactlyAsync(length, ct));

    /// <summary>True when the server closed the connection (read returns 0) before <paramref name="ct"/> ends.</summary>
    public async Task<bool> ClosedByServerAsync(CancellationToken ct)
    {
        var buffer = new byte[256];
        try
        {
            while (await _stream.ReadAsync(buffer, ct) is var read && read > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _tcp.Dispose();

    private async Task<byte[]> ReadUntilAsync(byte[] delimiter, CancellationToken ct)
    {
        while (true)
        {
            var at = IndexOf(delimiter);
            if (at >= 0)
            {
                var result = _pending.Take(at + delimiter.Length).ToArray();
                _pending.RemoveRange(0, at + delimiter.Length);
                return result;
            }

            await FillAsync(ct);
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int length, CancellationToken ct)
    {
        while (_pending.Count < length)
        {
            await FillAsync(ct);
        }

        var result = _pending.Take(length).ToArray();
        _pending.RemoveRange(0, length);
        return result;
    }

    private async Task FillAsync(CancellationToken ct)
    {
        var buffer = new byte[4096];
        var read = await _stream.ReadAsync(buffer, ct);
        if (read == 0)
        {
            throw new EndOfStreamException("The server closed the connection.");
        }

        _pending.AddRange(buffer.AsSpan(0, read).ToArray());
    }

    private int IndexOf(byte[] delimiter) =>
        CollectionsMarshal.AsSpan(_pending).IndexOf(delimiter);
}
