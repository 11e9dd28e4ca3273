namespace PocketBaseSharp.Server.Tests.Realtime;

/// <summary>One parsed SSE message plus the exact text it was framed with.</summary>
public sealed record SseEvent(string Id, string Name, string Data, string Raw);
