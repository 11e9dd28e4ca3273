namespace PocketBaseSharp.Server.Settings;

/// <summary>Application identity used by the dashboard and in every email (<c>{APP_NAME}</c>, <c>{APP_URL}</c>).</summary>
public sealed class MetaSettings
{
    public string AppName { get; set; } = "Acme";

    public string AppURL { get; set; } = "http://localhost:8090";

    public string SenderName { get; set; } = "Support";

    public string SenderAddress { get; set; } = "support@example.com";

    public bool HideControls { get; set; }

    public string AccentColor { get; set; } = "#1055c9";
}
