using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary><c>POST /api/collections/{collection}/impersonate/{id}</c> (superusers only, http-api.md §4.9).</summary>
public static class ImpersonateEndpoints
{
    public static void MapImpersonateApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/collections/{collection}/impersonate/{id}", ImpersonateAsync);

    private static async Task<IResult> ImpersonateAsync(
        HttpContext http, string collection, string id, CollectionStore collections, RecordStore store, ServerOptions options,
        RecordRules rules, RecordExpander expander)
    {
        Guards.RequireSuperuser(http);
        var c = collections.Find(collection);
        if (c is not { IsAuth: true })
        {
            throw ApiException.NotFound("Missing or invalid auth collection context.");
        }

        var body = await AuthFlowSupport.ReadBodyAsync(http, options);
        var duration = 0L;
        if (body["duration"] is { } node)
        {
            var value = Json.Number(node);
            if (value is not { } d || d < 0 || d != Math.Floor(d))
            {
                var errors = new ValidationErrors();
                errors.Add("duration", "validation_min_greater_equal_than_required", "Must be no less than 0.", new System.Text.Json.Nodes.JsonObject { ["threshold"] = 0 });
                errors.ThrowIfAny(AuthFlowSupport.ValidationFailed);
            }

            duration = (long)value!.Value;
        }

        var record = await store.FindByIdAsync(c, id) ?? throw ApiException.NotFound();

        // Not refreshable: an impersonation ends when its token expires.
        var token = TokenService.CreateAuthToken(record, refreshable: false, duration: duration);
        var response = await AuthResponses.CreateAsync(http, record, token, "default", store, rules, expander);
        return JsonOutput.Result(FieldsPicker.Apply(response, http.Request.Query["fields"]));
    }
}
