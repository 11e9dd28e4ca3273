using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Mail;

/// <summary>
/// Sends mail through the SMTP server of <c>settings.smtp</c>, from <c>settings.meta</c>'s sender.
/// A new connection per message keeps it simple; auth mails are rare and a pooled connection
/// would have to notice settings changes anyway.
/// </summary>
public sealed class SmtpMailSender(ISettingsSource settings) : IMailSender
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
    {
        var current = settings.Current;
        var smtp = current.Smtp;
        if (!smtp.Enabled)
        {
            // Upstream falls back to a local sendmail binary; this server has none to rely on.
            throw new MailSendException("SMTP is not enabled in the settings.");
        }

        MimeMessage mime;
        try
        {
            mime = MailBodies.ToMime(message, current.Meta);
        }
        catch (ParseException e)
        {
            throw new MailSendException("Invalid sender or recipient address.", e);
        }

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        if (!string.IsNullOrEmpty(smtp.LocalName))
        {
            client.LocalDomain = smtp.LocalName;
        }

        try
        {
            // Like upstream: implicit TLS when asked, otherwise STARTTLS whenever the server offers it.
            var security = smtp.Tls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
            await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username) || !string.IsNullOrEmpty(smtp.Password))
            {
                await AuthenticateAsync(client, smtp, cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not MailSendException)
        {
            throw new MailSendException("Failed to send the email.", e);
        }
    }

    private static async Task AuthenticateAsync(SmtpClient client, SmtpSettings smtp, CancellationToken cancellationToken)
    {
        var credentials = new System.Net.NetworkCredential(smtp.Username, smtp.Password ?? "");
        SaslMechanism mechanism = string.Equals(smtp.AuthMethod, "LOGIN", StringComparison.OrdinalIgnoreCase)
            ? new SaslMechanismLogin(credentials)
            : new SaslMechanismPlain(credentials);
        await client.AuthenticateAsync(mechanism, cancellationToken);
    }
}
