namespace PocketBaseSharp.Server.Mail;

/// <summary>Raised when an email could not be handed to the SMTP server (or SMTP is not configured).</summary>
public sealed class MailSendException(string message, Exception? inner = null) : Exception(message, inner);
