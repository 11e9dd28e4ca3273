using System.Buffers;
using System.Text;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// The framing of every realtime message: <c>id:</c>, <c>event:</c> and <c>data:</c> lines with no
/// space after the colon, ended by an empty line. The id line carries the client id because the
/// JS SDK reads it from <c>lastEventId</c>.
/// </summary>
public static class SseFrame
{
    private static readonly byte[] IdPrefix = "id:"u8.ToArray();
    private static readonly byte[] EventPrefix = "\nevent:"u8.ToArray();
    private static readonly byte[] DataPrefix = "\ndata:"u8.ToArray();
    private static readonly byte[] End = "\n\n"u8.ToArray();

    public static void Write(IBufferWriter<byte> output, string clientId, RealtimeMessage message)
    {
        output.Write(IdPrefix);
        Encoding.UTF8.GetBytes(clientId, output);
        output.Write(EventPrefix);
        // A line break inside the event name would start a new SSE field; topic strings come from
        // clients, so they are flattened rather than trusted.
        Encoding.UTF8.GetBytes(SingleLine(message.Name), output);
        output.Write(DataPrefix);
        output.Write(message.Data.Span);
        output.Write(End);
    }

    /// <summary>
    /// The frame as one HTTP/1.1 chunk (<c>SIZE CRLF frame CRLF</c>), for streams that are written
    /// straight to the connection rather than through Kestrel's chunked response body.
    /// </summary>
    public static void WriteChunk(IBufferWriter<byte> output, string clientId, RealtimeMessage message)
    {
        var name = SingleLine(message.Name);
        var length = IdPrefix.Length + Encoding.UTF8.GetByteCount(clientId) + EventPrefix.Length + Encoding.UTF8.GetByteCount(name)
            + DataPrefix.Length + message.Data.Length + End.Length;
        Span<byte> size = stackalloc byte[10];
        length.TryFormat(size, out var written, "x", System.Globalization.CultureInfo.InvariantCulture);
        output.Write(size[..written]);
        output.Write("\r\n"u8);
        Write(output, clientId, message);
        output.Write("\r\n"u8);
    }

    public static string ToText(string clientId, RealtimeMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, clientId, message);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string SingleLine(string value) =>
        value.AsSpan().IndexOfAny('\r', '\n') < 0 ? value : value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
}
