using MimeKit;

namespace PocketBaseSharp.Server.Tests.Mail;

/// <summary>One message accepted by <see cref="SmtpSink"/>, with the SMTP envelope it came with.</summary>
public sealed record CaughtMail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, string? AuthUser, MimeMessage Message)
{
    public string Html => Message.HtmlBody ?? "";

    public string Text => Message.TextBody ?? "";
}
