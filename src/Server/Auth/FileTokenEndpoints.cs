using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// <c>POST /api/files/token</c> (http-api.md §6): a short-lived <c>file</c> token for the caller,
/// signed with its tokenKey and the collection's <c>fileToken</c> secret. Protected file downloads
/// check it with <c>TokenService.VerifyAsync(token, "file")</c>.
/// </summary>
public static class FileTokenEndpoints
{
    public static void MapFileTokenApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/files/token", (HttpContext http) =>
        {
            var record = RequestAuthState.Of(http).Record
                ?? throw ApiException.Unauthorized("The request requires valid record authorization token.");
            var (secret, duration) = record.Collection.TokenOptions("fileToken");
            var claims = new JsonObject
            {
                ["collectionId"] = record.Collection.Id,
                ["exp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + duration,
                ["id"] = record.Id,
                ["type"] = "file",
            };
            var token = Jwt.Sign(claims, record.GetString("tokenKey") + secret);
            return JsonOutput.Result(FieldsPicker.Apply(new JsonObject { ["token"] = token }, http.Request.Query["fields"]));
        });
}
