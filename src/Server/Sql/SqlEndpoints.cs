using System.Globalization;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;

namespace PocketBaseSharp.Server.Sql;

/// <summary><c>POST /api/sql</c>, the superuser SQL console of upstream v0.39 (http-api.md §13).</summary>
public static class SqlEndpoints
{
    private const int MaxQueryLength = 5000;

    public static void MapSqlApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/sql", async (HttpContext http, SqlConsole console) =>
        {
            Guards.RequireSuperuser(http);
            var body = await RequestBody.ReadAsync(http.Request, 32L << 20, "An error occurred while loading the submitted data.");
            var query = QueryOf(body);
            var result = await console.RunAsync(query);
            return JsonOutput.Result(result);
        });

    private static string QueryOf(JsonObject body)
    {
        var node = body["query"];
        if (node is not null && (node is not JsonValue value || !value.TryGetValue<string>(out _)))
        {
            // Go fails to decode a non-string into the form's string field.
            throw ApiException.BadRequest("An error occurred while loading the submitted data.");
        }

        var query = node?.GetValue<string>() ?? "";
        var error = query.Length == 0
            ? ValidationErrors.Leaf("validation_required", "Cannot be blank.")
            : query.EnumerateRunes().Count() > MaxQueryLength
                ? ValidationErrors.Leaf("validation_length_too_long", string.Create(CultureInfo.InvariantCulture, $"The length must be no more than {MaxQueryLength}."), new JsonObject { ["max"] = MaxQueryLength })
                : null;
        return error is null
            ? query
            : throw ApiException.BadRequest("An error occurred while validating the submitted data.", new JsonObject { ["query"] = error });
    }
}
