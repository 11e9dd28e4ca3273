using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Files;

namespace PocketBaseSharp.Server.Records;

/// <summary>The records CRUD routes; handlers only translate HTTP to <see cref="RecordService"/>.</summary>
public static class RecordEndpoints
{
    public static void MapRecordApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/collections/{collection}/records");
        group.MapMethods("", ["GET", "HEAD"], async (HttpContext http, string collection, RecordService records) =>
        {
            var result = await records.ListAsync(await RequestOf(http, collection, null, readBody: false));
            return JsonOutput.Result(FieldsPicker.Apply(result, http.Request.Query["fields"], isList: true));
        });
        group.MapMethods("{id}", ["GET", "HEAD"], async (HttpContext http, string collection, string id, RecordService records) =>
        {
            var result = await records.ViewAsync(await RequestOf(http, collection, id, readBody: false));
            return JsonOutput.Result(FieldsPicker.Apply(result, http.Request.Query["fields"]));
        });
        group.MapPost("", async (HttpContext http, string collection, RecordService records, RecordStore store) =>
        {
            var req = await RequestOf(http, collection, null, readBody: true);
            var result = await CreateAsync(req, records, store);
            return JsonOutput.Result(FieldsPicker.Apply(result, http.Request.Query["fields"]));
        });
        group.MapPatch("{id}", async (HttpContext http, string collection, string id, RecordService records, RecordStore store) =>
        {
            var req = await RequestOf(http, collection, id, readBody: true);
            var result = await UpdateAsync(req, records, store);
            return JsonOutput.Result(FieldsPicker.Apply(result, http.Request.Query["fields"]));
        });
        group.MapDelete("{id}", async (HttpContext http, string collection, string id, RecordService records, RecordStore store) =>
        {
            var req = await RequestOf(http, collection, id, readBody: false);
            await store.WriteAsync(async scope =>
            {
                await records.DeleteAsync(req, scope);
                return 0;
            });
            return Results.StatusCode(204);
        });
    }

    /// <summary>A create as the route runs it: a submitted password is hashed before the write transaction.</summary>
    public static async Task<JsonObject> CreateAsync(RecordRequest req, RecordService records, RecordStore store)
    {
        req = await WithPrehashedPasswordAsync(req, store.Collections);
        return await store.WriteAsync(scope => records.CreateAsync(req, scope));
    }

    /// <summary>An update as the route runs it: a submitted password is hashed, and the old one checked, before the write transaction.</summary>
    public static async Task<JsonObject> UpdateAsync(RecordRequest req, RecordService records, RecordStore store)
    {
        req = await WithPrehashedPasswordAsync(req, store.Collections);
        req = await PrecheckedOldPassword.ForAsync(store.Collections.Find(req.Collection), req.Id, req.Body, req.Auth, store) is { } old ? req with { OldPassword = old } : req;
        return await store.WriteAsync(scope => records.UpdateAsync(req, scope));
    }

    /// <summary>bcrypt runs here, through the per-core gate, so the single writer never waits for it.</summary>
    public static async Task<RecordRequest> WithPrehashedPasswordAsync(RecordRequest req, CollectionStore collections) =>
        await PrehashedPassword.ForAsync(collections.Find(req.Collection), req.Body) is { } hash ? req with { PrehashedPassword = hash } : req;

    private static async Task<RecordRequest> RequestOf(HttpContext http, string collection, string? id, bool readBody)
    {
        var body = new JsonObject();
        var files = new Dictionary<string, List<UploadedFile>>(StringComparer.Ordinal);
        if (readBody)
        {
            var options = http.RequestServices.GetRequiredService<ServerOptions>();
            var c = http.RequestServices.GetRequiredService<CollectionStore>().Find(collection)
                ?? throw ApiException.NotFound("Missing or invalid collection context.");
            if (c.IsView)
            {
                // Upstream rejects writes to views before it reads the body.
                throw ApiException.BadRequest("Unsupported collection type.");
            }

            body = await RequestBody.ReadAsync(http.Request, options.MaxBodySize + FieldsBodyAllowance(c), files: files);
        }

        return new RecordRequest(http, RequestAuthState.Of(http), http.Request.Method, collection, id, body, RecordRequest.QueryOf(http)) { Files = files };
    }

    /// <summary>Record writes may exceed the default limit by their fields' own size limits, as upstream.</summary>
    public static long FieldsBodyAllowance(Collection c) => c.Fields.Sum(f => f.Type switch
    {
        "file" => (f.MaxSize > 0 ? f.MaxSize : 5L << 20) * Math.Max(f.MaxSelect, 1),
        "editor" => f.MaxSize > 0 ? f.MaxSize : 5L << 20,
        "json" => f.MaxSize > 0 ? f.MaxSize : 1L << 20,
        _ => 0,
    });
}
