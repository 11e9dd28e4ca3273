namespace PocketBaseSharp.Server.Mail;

/// <summary>
/// Sends an email without making the client wait, as upstream does for the request-* routes: the
/// answer must not reveal (by its timing or an error) whether the address belongs to an account.
/// A failure is only logged.
/// </summary>
public sealed class BackgroundMail(ILogger<BackgroundMail> logger)
{
    public void Run(string what, Func<Task> send) => _ = Task.Run(async () =>
    {
        try
        {
            await send();
        }
        catch (Exception e)
        {
            logger.LogError(e, "Failed to send the {What} email", what);
        }
    });
}
