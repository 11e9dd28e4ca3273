using System.Text;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// One SSE message before framing. <see cref="Data"/> is single-line JSON already encoded as
/// UTF-8 so that a message fanned out to many clients is serialised once.
/// </summary>
public sealed record RealtimeMessage(string Name, ReadOnlyMemory<byte> Data)
{
    /// <summary>
    /// <see cref="Data"/> is the rest of a frame already on the wire (a chunk the socket took only
    /// part of, <see cref="RealtimeSocketWriter"/>), to be sent as it is.
    /// </summary>
    public bool IsFramed { get; private init; }

    public static RealtimeMessage FromJson(string name, string json) => new(name, Encoding.UTF8.GetBytes(json));

    internal static RealtimeMessage Framed(byte[] bytes) => new("", bytes) { IsFramed = true };
}
