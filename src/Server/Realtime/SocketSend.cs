namespace PocketBaseSharp.Server.Realtime;

/// <summary>The outcome of <see cref="RealtimeSocketWriter.SendNow"/>.</summary>
internal enum SocketSend
{
    /// <summary>The whole frame is in the socket's buffer.</summary>
    Sent,

    /// <summary>The socket could not take all of it: the rest goes to the queue.</summary>
    Blocked,

    /// <summary>The connection is gone or broken.</summary>
    Failed,
}
