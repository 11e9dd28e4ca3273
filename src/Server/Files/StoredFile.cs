namespace PocketBaseSharp.Server.Files;

/// <summary>An opened stored file; the caller owns (and disposes) the stream.</summary>
public sealed record StoredFile(Stream Content, DateTimeOffset LastModified);
