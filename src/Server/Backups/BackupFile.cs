namespace PocketBaseSharp.Server.Backups;

/// <summary>One stored backup as <c>GET /api/backups</c> lists it.</summary>
public sealed record BackupFile(string Key, long Size, DateTime ModifiedUtc);
