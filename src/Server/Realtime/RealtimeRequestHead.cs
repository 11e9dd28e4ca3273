using System.Buffers;
using System.Text;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// The head of a <c>GET /api/realtime</c> request read straight from a connection, before Kestrel
/// parses it. Only the plainest form is accepted: exact target, HTTP/1.1, one Host, no body, no
/// credentials, no upgrade or expectation, ASCII headers without folding. Anything else is left
/// to Kestrel and the middlewares, so that every unusual request keeps the one well-tested path.
/// </summary>
public sealed class RealtimeRequestHead
{
    /// <summary>Heads longer than this are left to Kestrel (which applies its own limits).</summary>
    public const int MaxLength = 8192;

    private static readonly byte[] RequestLine = "GET /api/realtime HTTP/1.1\r\n"u8.ToArray();
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    // Headers whose meaning the plain stream does not implement: auth, bodies, upgrades.
    private static readonly string[] Declined = ["Authorization", "Transfer-Encoding", "Upgrade", "Expect", "HTTP2-Settings"];

    private readonly List<(string Name, string Value)> _headers;

    private RealtimeRequestHead(List<(string Name, string Value)> headers) => _headers = headers;

    /// <summary>The header's value, or "" when absent.</summary>
    public string Header(string name)
    {
        foreach (var (n, v) in _headers)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        return "";
    }

    /// <summary>
    /// Reads a head from the start of <paramref name="buffer"/>. Returns it with the position after
    /// its blank line; null with <paramref name="needMore"/> when the bytes so far may still become
    /// one; null without it when the request is not one this path serves.
    /// </summary>
    public static RealtimeRequestHead? Parse(ReadOnlySequence<byte> buffer, out bool needMore, out SequencePosition end)
    {
        needMore = false;
        end = buffer.Start;
        var length = (int)Math.Min(buffer.Length, MaxLength);
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var bytes = rented.AsSpan(0, length);
            buffer.Slice(0, length).CopyTo(bytes);
            var line = Math.Min(length, RequestLine.Length);
            if (!bytes[..line].SequenceEqual(RequestLine.AsSpan(0, line)))
            {
                return null;
            }

            // The request line's CRLF is the first half of the blank line when there are no headers.
            var blank = bytes.IndexOf(HeadEnd);
            if (blank < 0)
            {
                needMore = buffer.Length < MaxLength;
                return null;
            }

            var headers = ParseHeaders(bytes[RequestLine.Length..(blank + 2)]);
            if (headers is null || !Acceptable(headers))
            {
                return null;
            }

            end = buffer.GetPosition(blank + HeadEnd.Length);
            return new RealtimeRequestHead(headers);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Header lines, each ended by CRLF; null on anything Kestrel might judge differently.</summary>
    private static List<(string Name, string Value)>? ParseHeaders(ReadOnlySpan<byte> lines)
    {
        var headers = new List<(string, string)>();
        while (lines.Length > 0)
        {
            var crlf = lines.IndexOf("\r\n"u8);
            if (crlf <= 0)
            {
                return null;
            }

            var line = lines[..crlf];
            lines = lines[(crlf + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]) || !IsFieldValue(line[(colon + 1)..]))
            {
                return null;
            }

            headers.Add((Encoding.ASCII.GetString(line[..colon]), Encoding.ASCII.GetString(line[(colon + 1)..]).Trim(' ', '\t')));
        }

        return headers;
    }

    private static bool Acceptable(List<(string Name, string Value)> headers)
    {
        var hosts = 0;
        foreach (var (name, value) in headers)
        {
            if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                hosts++;
            }
            else if (Declined.Contains(name, StringComparer.OrdinalIgnoreCase)
                || (string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase) && value != "0")
                || (string.Equals(name, "Connection", StringComparison.OrdinalIgnoreCase) && !string.Equals(value, "keep-alive", StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
        }

        return hosts == 1;
    }

    private static bool IsToken(ReadOnlySpan<byte> name)
    {
        foreach (var b in name)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || "!#$%&'*+-.^_`|~"u8.Contains(b)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsFieldValue(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            if (b is (< 0x20 and not (byte)'\t') or >= 0x7F)
            {
                return false;
            }
        }

        return true;
    }
}
