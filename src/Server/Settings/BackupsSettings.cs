namespace PocketBaseSharp.Server.Settings;

public sealed class BackupsSettings
{
    public string Cron { get; set; } = "";

    public int CronMaxKeep { get; set; } = 3;

    public S3Settings S3 { get; set; } = new();
}
