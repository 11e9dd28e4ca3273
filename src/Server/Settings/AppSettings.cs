namespace PocketBaseSharp.Server.Settings;

/// <summary>
/// The application settings as upstream keeps them in <c>_params</c> (row <c>settings</c>) and serves
/// them on <c>/api/settings</c>. Property initialisers are upstream's fresh-install defaults.
/// </summary>
public sealed class AppSettings
{
    public SmtpSettings Smtp { get; set; } = new();

    public BackupsSettings Backups { get; set; } = new();

    public S3Settings S3 { get; set; } = new();

    public MetaSettings Meta { get; set; } = new();

    public RateLimitsSettings RateLimits { get; set; } = new();

    public TrustedProxySettings TrustedProxy { get; set; } = new();

    public BatchSettings Batch { get; set; } = new();

    public LogsSettings Logs { get; set; } = new();

    public List<string> SuperuserIPs { get; set; } = [];
}
