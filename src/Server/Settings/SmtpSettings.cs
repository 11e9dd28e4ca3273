using System.Text.Json.Serialization;

namespace PocketBaseSharp.Server.Settings;

public sealed class SmtpSettings
{
    public bool Enabled { get; set; }

    public int Port { get; set; } = 587;

    public string Host { get; set; } = "smtp.example.com";

    public string Username { get; set; } = "";

    /// <summary>Write-only: stored, never served (omitted from responses like upstream's omitempty).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Password { get; set; }

    /// <summary><c>""</c>/<c>PLAIN</c> or <c>LOGIN</c>.</summary>
    public string AuthMethod { get; set; } = "";

    /// <summary>Implicit TLS from the first byte (port 465 style); otherwise STARTTLS when offered.</summary>
    public bool Tls { get; set; }

    /// <summary>The EHLO name; empty means the client's default.</summary>
    public string LocalName { get; set; } = "";
}
