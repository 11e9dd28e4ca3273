using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary><c>POST /api/collections/{collection}/auth-with-oauth2</c> (http-api.md §4.5).</summary>
public static class OAuth2Endpoints
{
    public static void MapOAuth2Api(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/collections/{collection}/auth-with-oauth2", AuthAsync);

    private static async Task<IResult> AuthAsync(
        HttpContext http, string collection, CollectionStore collections, RecordStore store, ServerOptions options,
        OAuth2Client client, OAuth2Accounts accounts, RecordRules rules, RecordExpander expander)
    {
        var c = AuthEndpoints.AuthCollection(collections, collection);
        if (c.IsSuperusers || !OAuth2ProviderConfig.Enabled(c.Options))
        {
            throw ApiException.Forbidden("The collection is not configured to allow OAuth2 authentication.");
        }

        var body = await AuthFlowSupport.ReadBodyAsync(http, options);
        var providerName = AuthFlowSupport.Text(body, "provider");
        var code = AuthFlowSupport.Text(body, "code");
        var redirectUrl = AuthFlowSupport.Text(body, "redirectURL") is { Length: > 0 } u ? u : AuthFlowSupport.Text(body, "redirectUrl");
        var provider = OAuth2ProviderConfig.AllOf(c.Options).FirstOrDefault(p => p.Name == providerName);
        var errors = new ValidationErrors();
        if (providerName.Length == 0)
        {
            errors.Add("provider", "validation_required", "Cannot be blank.");
        }
        else if (provider is null)
        {
            errors.Add("provider", "validation_invalid_provider", $"Provider with name {providerName} is missing or is not enabled.", new JsonObject { ["provider"] = providerName });
        }

        if (code.Length == 0)
        {
            errors.Add("code", "validation_required", "Cannot be blank.");
        }

        if (redirectUrl.Length == 0)
        {
            errors.Add("redirectURL", "validation_required", "Cannot be blank.");
        }

        errors.ThrowIfAny(AuthFlowSupport.ValidationFailed);
        http.Items[MfaService.ItemKey] = AuthFlowSupport.Text(body, "mfaId");

        OAuth2User user;
        try
        {
            user = await client.AuthenticateAsync(provider!, code, AuthFlowSupport.Text(body, "codeVerifier"), redirectUrl, http.RequestAborted);
        }
        catch (OAuth2Exception e)
        {
            throw ApiException.BadRequest(e.AtTokenStep ? "Failed to fetch OAuth2 token." : "Failed to fetch OAuth2 user.");
        }

        var (record, isNew) = await accounts.ResolveAsync(c, provider!.Name, user, RequestAuthState.Of(http).Record, body["createData"] as JsonObject);
        var response = await AuthResponses.CreateAsync(http, record, TokenService.CreateAuthToken(record), "oauth2", store, rules, expander);
        response["meta"] = Meta(user, isNew);
        return JsonOutput.Result(FieldsPicker.Apply(response, http.Request.Query["fields"]));
    }

    private static JsonObject Meta(OAuth2User user, bool isNew) => new()
    {
        ["id"] = user.Id,
        ["name"] = user.Name,
        ["username"] = user.Username,
        ["email"] = user.Email,
        ["avatarURL"] = user.AvatarUrl,
        ["accessToken"] = user.AccessToken,
        ["refreshToken"] = user.RefreshToken,
        ["expiry"] = user.Expiry is { } e ? Clock.ToText(e) : "",
        ["rawUser"] = user.RawUser.DeepClone(),
        ["isNew"] = isNew,
        ["avatarUrl"] = user.AvatarUrl,
    };
}
