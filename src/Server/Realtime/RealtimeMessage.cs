using System.Text;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// One SSE message before framing. <see cref="Data"/> is single-line JSON already encoded as
/// UTF-8 so that a message fanned out to many clients is serialised once.
/// </summary>
public sealed record RealtimeMessage(string Name, ReadOnlyMemory<byte> Data)
{
    public static RealtimeMessage FromJson(string name, string json) => new(name, Encoding.UTF8.GetBytes(json));
}
