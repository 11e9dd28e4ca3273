namespace PocketBaseSharp.Server.Files;

/// <summary>A resolved download: the opened file, the name it is served as and its content type.</summary>
public sealed record FileDownload(StoredFile File, string Name, string ContentType);
