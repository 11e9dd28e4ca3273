using System.Text;

namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>
/// Reads SSE messages from a response stream. Parsing is deliberately strict (one <c>field:value</c>
/// per line, no space after the colon) so that framing mistakes make tests fail.
/// </summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>The next message, or null when the stream ended.</summary>
    public async Task<SseEvent?> NextAsync(CancellationToken cancellationToken)
    {
        var raw = new StringBuilder();
        string id = "", name = "", data = "";
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return null;
            }

            raw.Append(line).Append('\n');
            if (line.Length == 0)
            {
                if (raw.Length == 1)
                {
                    raw.Clear();
                    continue;
                }

                return new SseEvent(id, name, data, raw.ToString());
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data = value; break;
                default: break;
            }
        }
    }

    /// <summary>True when the server ends the stream before <paramref name="within"/> passes.</summary>
    public async Task<bool> EndsWithinAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (await NextAsync(timeout.Token) is not null)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _reader.Dispose();
}
