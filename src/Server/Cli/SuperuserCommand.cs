using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Cli;

/// <summary><c>superuser create|upsert|update|delete EMAIL [PASSWORD]</c>, as upstream.</summary>
public static class SuperuserCommand
{
    public static async Task<int> RunAsync(ServerOptions options, List<string> args)
    {
        if (args.Count == 0 || args[0] is not ("create" or "upsert" or "update" or "delete" or "otp"))
        {
            return CliApp.Fail("usage: superuser create|upsert|update|delete|otp EMAIL [PASSWORD]");
        }

        var action = args[0];
        var email = args.Count > 1 ? args[1] : "";
        if (!Records.FieldValidation.IsEmail(email))
        {
            return CliApp.Fail("missing or invalid email address");
        }

        var password = args.Count > 2 ? args[2] : "";
        if (action is not ("delete" or "otp") && password.Length < 8)
        {
            return CliApp.Fail("missing or invalid password (at least 8 characters)");
        }

        await using var app = await ServerHost.BuildAsync(options, []);
        var superusers = app.Services.GetRequiredService<SuperuserService>();
        try
        {
            var existing = await superusers.FindByEmailAsync(email);
            switch (action)
            {
                case "create" when existing is not null:
                    return CliApp.Fail($"superuser with email \"{email}\" already exists");
                case "update" when existing is null:
                    return CliApp.Fail($"superuser with email \"{email}\" doesn't exist");
                case "otp" when existing is null:
                    return CliApp.Fail($"superuser with email \"{email}\" doesn't exist");
                case "otp":
                    return await SuperuserOtpCommand.RunAsync(app.Services, existing, Console.Out);
                case "delete" when existing is null:
                    Console.WriteLine($"Superuser \"{email}\" is missing or already deleted.");
                    return 0;
                case "delete":
                    await superusers.DeleteAsync(existing!);
                    Console.WriteLine($"Successfully deleted superuser \"{email}\"!");
                    return 0;
                default:
                    await superusers.UpsertAsync(email, password, deletePlaceholder: true);
                    Console.WriteLine(action == "create" ? $"Successfully created new superuser \"{email}\"!" : $"Successfully saved superuser \"{email}\"!");
                    return 0;
            }
        }
        catch (ApiException ex)
        {
            return CliApp.Fail(ex.Message);
        }
    }
}
