using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// The provider names upstream accepts, and the ones this server can actually sign in with:
/// the generic OpenID Connect provider (<c>oidc</c>, <c>oidc2</c>, <c>oidc3</c>), Google, GitHub,
/// GitLab, Gitea, Discord and Microsoft.
/// </summary>
public static class OAuth2ProviderKinds
{
    /// <summary>Upstream's provider names (records-and-fields.md §1): valid in collection options.</summary>
    public static readonly IReadOnlySet<string> KnownNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "apple", "bitbucket", "box", "discord", "facebook", "gitea", "gitee", "github", "gitlab", "google", "instagram2",
        "kakao", "lark", "linear", "livechat", "mailcow", "microsoft", "monday", "notion", "oidc", "oidc2", "oidc3",
        "patreon", "planningcenter", "spotify", "strava", "trakt", "twitch", "twitter", "vk", "wakatime", "yandex",
    };

    private static readonly Dictionary<string, OAuth2ProviderKind> Supported = new(StringComparer.Ordinal)
    {
        ["google"] = new("google", "Google", "https://accounts.google.com/o/oauth2/v2/auth", "https://oauth2.googleapis.com/token",
            "https://www.googleapis.com/oauth2/v3/userinfo",
            ["https://www.googleapis.com/auth/userinfo.profile", "https://www.googleapis.com/auth/userinfo.email"], true, OpenIdUser),
        ["github"] = new("github", "GitHub", "https://github.com/login/oauth/authorize", "https://github.com/login/oauth/access_token",
            "https://api.github.com/user", ["read:user", "user:email"], true, GitHubUser),
        ["gitlab"] = new("gitlab", "GitLab", "https://gitlab.com/oauth/authorize", "https://gitlab.com/oauth/token",
            "https://gitlab.com/api/v4/user", ["read_user"], true, GitLabUser),
        ["gitea"] = new("gitea", "Gitea", "https://gitea.com/login/oauth/authorize", "https://gitea.com/login/oauth/access_token",
            "https://gitea.com/api/v1/user", ["read:user", "user:email"], true, GiteaUser),
        ["discord"] = new("discord", "Discord", "https://discord.com/api/oauth2/authorize", "https://discord.com/api/oauth2/token",
            "https://discord.com/api/users/@me", ["identify", "email"], true, DiscordUser),
        ["microsoft"] = new("microsoft", "Microsoft", "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
            "https://login.microsoftonline.com/common/oauth2/v2.0/token", "https://graph.microsoft.com/v1.0/me", ["User.Read"], true, MicrosoftUser),
        ["oidc"] = Oidc("oidc"),
        ["oidc2"] = Oidc("oidc2"),
        ["oidc3"] = Oidc("oidc3"),
    };

    public static OAuth2ProviderKind? Find(string name) => Supported.GetValueOrDefault(name);

    /// <summary>
    /// <c>GET /api/collections/meta/oauth2-providers</c>: the providers this server can sign in with,
    /// named ones first, then the generic OpenID Connect slots. Only these are listed, so a dashboard
    /// never offers a provider that would fail at sign-in. No logos are shipped (an empty string).
    /// </summary>
    public static JsonArray ProvidersJson() => new([.. Supported.Values
        .OrderBy(k => k.Name.StartsWith("oidc", StringComparison.Ordinal) ? 1 : 0)
        .ThenBy(k => k.Name, StringComparer.Ordinal)
        .Select(k => (JsonNode)new JsonObject { ["name"] = k.Name, ["displayName"] = k.DisplayName, ["logo"] = "" })]);

    private static OAuth2ProviderKind Oidc(string name) => new(name, "OIDC", "", "", "", ["openid", "email", "profile"], true, OpenIdUser);

    /// <summary>The standard claims; the email counts only when the provider says it is verified.</summary>
    private static OAuth2UserFields OpenIdUser(JsonObject raw) => new(
        Text(raw["sub"]),
        Text(raw["name"]),
        Text(raw["preferred_username"]),
        Truthy(raw["email_verified"]) ? Text(raw["email"]) : "",
        Text(raw["picture"]));

    private static OAuth2UserFields GitHubUser(JsonObject raw) => new(
        Text(raw["id"]), Text(raw["name"]), Text(raw["login"]), Text(raw["email"]), Text(raw["avatar_url"]));

    private static OAuth2UserFields GitLabUser(JsonObject raw) => new(
        Text(raw["id"]), Text(raw["name"]), Text(raw["username"]), Text(raw["email"]), Text(raw["avatar_url"]));

    private static OAuth2UserFields GiteaUser(JsonObject raw) => new(
        Text(raw["id"]), Text(raw["full_name"]), Text(raw["login"]), Text(raw["email"]), Text(raw["avatar_url"]));

    /// <summary>Discord sends an avatar hash; the image lives on its CDN.</summary>
    private static OAuth2UserFields DiscordUser(JsonObject raw)
    {
        var id = Text(raw["id"]);
        var avatar = Text(raw["avatar"]);
        var globalName = Text(raw["global_name"]);
        return new(
            id,
            globalName.Length > 0 ? globalName : Text(raw["username"]),
            Text(raw["username"]),
            Truthy(raw["verified"]) ? Text(raw["email"]) : "",
            avatar.Length > 0 ? $"https://cdn.discordapp.com/avatars/{id}/{avatar}.png" : "");
    }

    private static OAuth2UserFields MicrosoftUser(JsonObject raw) => new(
        Text(raw["id"]), Text(raw["displayName"]), "", Text(raw["mail"]), "");

    /// <summary>Strings as they are, numbers (GitHub's numeric ids) in invariant text.</summary>
    public static string Text(JsonNode? node) => node is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.GetValue<decimal>().ToString(CultureInfo.InvariantCulture),
            _ => "",
        }
        : "";

    /// <summary>Some providers send <c>email_verified</c> as the string <c>"true"</c>.</summary>
    private static bool Truthy(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.String => string.Equals(node.GetValue<string>(), "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
