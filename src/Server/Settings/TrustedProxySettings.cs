namespace PocketBaseSharp.Server.Settings;

public sealed class TrustedProxySettings
{
    /// <summary>Headers holding the client IP (e.g. <c>X-Forwarded-For</c>); <c>null</c> when unset, as upstream.</summary>
    public List<string>? Headers { get; set; }

    public bool UseLeftmostIP { get; set; }
}
