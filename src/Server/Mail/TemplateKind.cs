namespace PocketBaseSharp.Server.Mail;

/// <summary>The auth email templates of a collection.</summary>
public enum TemplateKind
{
    Verification,
    PasswordReset,
    EmailChange,
    Otp,
    LoginAlert,
}
