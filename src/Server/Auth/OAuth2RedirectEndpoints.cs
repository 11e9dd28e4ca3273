using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Settings;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// <c>GET|POST /api/oauth2-redirect</c> (http-api.md §4.5): the provider sends the browser here;
/// <c>state</c> names the realtime client waiting on <c>@oauth2</c>, which gets the code.
/// </summary>
public static class OAuth2RedirectEndpoints
{
    public const string SuccessPath = "../_/#/auth/oauth2-redirect-success";
    public const string FailurePath = "../_/#/auth/oauth2-redirect-failure";

    public static void MapOAuth2RedirectApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/oauth2-redirect", (HttpContext http, IServiceProvider services, ISettingsSource settings) =>
            HandleAsync(http, services, settings, http.Request.Query["state"], http.Request.Query["code"], http.Request.Query["error"], StatusCodes.Status307TemporaryRedirect));
        app.MapPost("/api/oauth2-redirect", async (HttpContext http, IServiceProvider services, ISettingsSource settings) =>
        {
            // Apple's form_post: the values arrive as an urlencoded body.
            var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : null;
            return await HandleAsync(http, services, settings, form?["state"].ToString(), form?["code"].ToString(), form?["error"].ToString(), StatusCodes.Status303SeeOther);
        });
    }

    private static async Task<IResult> HandleAsync(HttpContext http, IServiceProvider services, ISettingsSource settings, string? state, string? code, string? error, int redirectStatus)
    {
        var delivered = false;
        var target = services.GetService<IOAuth2RedirectTarget>();
        if (!string.IsNullOrEmpty(state) && target is not null)
        {
            var data = new JsonObject { ["state"] = state, ["code"] = code ?? "" };
            if (!string.IsNullOrEmpty(error))
            {
                data["error"] = error;
            }

            delivered = await target.DeliverAsync(state, data, ClientIp.Of(http, settings.Current.TrustedProxy), http.RequestAborted);
        }

        // An error from the provider still reaches the client (it shows it) but is a failed sign-in here.
        var success = delivered && string.IsNullOrEmpty(error);
        http.Response.Headers.Location = success ? SuccessPath : FailurePath;
        return Results.StatusCode(redirectStatus);
    }
}
