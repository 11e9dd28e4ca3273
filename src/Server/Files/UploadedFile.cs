namespace PocketBaseSharp.Server.Files;

/// <summary>
/// One file part of a multipart body. <see cref="Name"/> is the generated storage name, chosen when
/// the part is read so the record value can refer to it before anything is stored.
/// </summary>
public sealed record UploadedFile(string Name, string OriginalName, byte[] Content, string ContentType);
