namespace PocketBaseSharp.Server.Auth;

/// <summary>An OAuth2 exchange failed; <see cref="AtTokenStep"/> tells which upstream message applies.</summary>
public sealed class OAuth2Exception(bool atTokenStep, string message, Exception? inner = null) : Exception(message, inner)
{
    public bool AtTokenStep { get; } = atTokenStep;
}
