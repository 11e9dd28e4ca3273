namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>An open SSE stream in a test, with its PB_CONNECT message.</summary>
public sealed class RealtimeConnection(HttpResponseMessage response, SseReader reader, SseEvent connect) : IDisposable
{
    public HttpResponseMessage Response { get; } = response;

    public SseReader Reader { get; } = reader;

    public SseEvent Connect { get; } = connect;

    public string ClientId => Connect.Id;

    public void Dispose()
    {
        Reader.Dispose();
        Response.Dispose();
    }
}
