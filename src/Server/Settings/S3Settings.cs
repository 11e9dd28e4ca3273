using System.Text.Json.Serialization;

namespace PocketBaseSharp.Server.Settings;

public sealed class S3Settings
{
    public bool Enabled { get; set; }

    public string Bucket { get; set; } = "";

    public string Region { get; set; } = "";

    public string Endpoint { get; set; } = "";

    public string AccessKey { get; set; } = "";

    /// <summary>Write-only like <see cref="SmtpSettings.Password"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Secret { get; set; }

    public bool ForcePathStyle { get; set; }
}
