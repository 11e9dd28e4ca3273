using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// <c>superuser otp EMAIL</c>: creates a one-time password for a superuser and prints it, so an
/// operator with shell access can complete a sign-in (e.g. the second MFA factor) without mail.
/// </summary>
public static class SuperuserOtpCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, Record superuser, TextWriter output)
    {
        var c = superuser.Collection;
        if (!OtpCodes.IsEnabled(c))
        {
            await Console.Error.WriteLineAsync("Error: OTP authentication is not enabled for the _superusers collection.");
            return 1;
        }

        var (otpId, code) = await services.GetRequiredService<OtpCodes>().CreateAsync(superuser, superuser.GetString("email"));
        if (code is null)
        {
            await Console.Error.WriteLineAsync("Error: too many unexpired OTPs for this superuser; wait until they expire.");
            return 1;
        }

        var duration = OtpCodes.SettingsOf(c).Duration;
        await output.WriteLineAsync($"New OTP for superuser \"{superuser.GetString("email")}\" (valid {duration}s):");
        await output.WriteLineAsync($"├─ otpId:    {otpId}");
        await output.WriteLineAsync($"└─ password: {code}");
        return 0;
    }
}
