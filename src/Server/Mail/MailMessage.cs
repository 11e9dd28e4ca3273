namespace PocketBaseSharp.Server.Mail;

/// <summary>One outgoing email. The sender address and name come from <c>settings.meta</c>.</summary>
public sealed record MailMessage(string To, string Subject, string Html);
