namespace PocketBaseSharp.Server.Mail;

/// <summary>Delivers emails; the auth flows depend on this so tests and other transports can swap it.</summary>
public interface IMailSender
{
    Task SendAsync(MailMessage message, CancellationToken cancellationToken = default);
}
