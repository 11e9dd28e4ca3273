namespace PocketBaseSharp.Server.Settings;

public sealed class LogsSettings
{
    public int MaxDays { get; set; } = 5;

    public int MinLevel { get; set; }

    public bool LogIP { get; set; } = true;

    public bool LogAuthId { get; set; }
}
