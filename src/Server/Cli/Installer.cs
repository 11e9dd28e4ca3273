using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Collections;

namespace PocketBaseSharp.Server.Cli;

/// <summary>
/// First-run installer: while no real superuser exists, a placeholder superuser gets a 30-minute
/// non-refreshable token and <c>serve</c> prints the dashboard link carrying it.
/// </summary>
public static class Installer
{
    public const string PlaceholderEmail = "__pbinstaller@example.com";

    public static async Task<string?> LinkAsync(IServiceProvider services, string baseUrl)
    {
        var superusers = services.GetRequiredService<SuperuserService>();
        if (await superusers.HasRealSuperuserAsync())
        {
            return null;
        }

        var placeholder = await superusers.UpsertAsync(PlaceholderEmail, Records.RandomText.Alphanumeric(30), deletePlaceholder: false);
        var token = TokenService.CreateAuthToken(placeholder, refreshable: false, duration: 1800);
        return $"{baseUrl}/_/#/pbinstall/{token}";
    }

    public static bool IsPlaceholder(string email) => string.Equals(email, PlaceholderEmail, StringComparison.OrdinalIgnoreCase);

    public static Collection? Superusers(CollectionStore collections) => collections.Find(Collection.SuperusersId);
}
