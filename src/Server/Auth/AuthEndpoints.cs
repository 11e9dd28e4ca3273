using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// The core auth routes: auth-methods, auth-with-password and auth-refresh. The rest of auth
/// (OTP, OAuth2, mail flows, MFA) plugs in beside these through <see cref="AuthResponses"/>.
/// </summary>
public static class AuthEndpoints
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/collections/{collection}");
        group.MapMethods("auth-methods", GetRouteExtensions.GetAndHead, (HttpContext http, string collection, CollectionStore collections) =>
        {
            var c = AuthCollection(collections, collection);
            return JsonOutput.Result(FieldsPicker.Apply(AuthMethods(c), http.Request.Query["fields"]));
        });
        group.MapPost("auth-with-password", AuthWithPasswordAsync);
        group.MapPost("auth-refresh", AuthRefreshAsync);
    }

    public static Collection AuthCollection(CollectionStore collections, string nameOrId)
    {
        var c = collections.Find(nameOrId) ?? throw ApiException.NotFound("Missing or invalid collection context.");
        return c.IsAuth ? c : throw ApiException.NotFound("Missing or invalid auth collection context.");
    }

    private static JsonObject AuthMethods(Collection c)
    {
        var passwordEnabled = c.PasswordAuthEnabled;
        var identityFields = passwordEnabled ? c.IdentityFields : [];
        var mfa = c.Options["mfa"] as JsonObject;
        var otp = c.Options["otp"] as JsonObject;
        var mfaEnabled = Json.Bool(mfa?["enabled"]) ?? false;
        var otpEnabled = Json.Bool(otp?["enabled"]) ?? false;
        var providers = OAuth2Methods.Providers(c);
        return new JsonObject
        {
            ["password"] = new JsonObject { ["enabled"] = passwordEnabled, ["identityFields"] = new JsonArray([.. identityFields.Select(f => (JsonNode?)f)]) },
            ["oauth2"] = OAuth2Methods.Modern(c, providers),
            ["mfa"] = new JsonObject { ["enabled"] = mfaEnabled, ["duration"] = mfaEnabled ? Json.Number(mfa?["duration"]) ?? 0 : 0 },
            ["otp"] = new JsonObject { ["enabled"] = otpEnabled, ["duration"] = otpEnabled ? Json.Number(otp?["duration"]) ?? 0 : 0 },
            ["authProviders"] = OAuth2Methods.Legacy(c, providers),
            ["usernamePassword"] = identityFields.Contains("username"),
            ["emailPassword"] = identityFields.Contains("email"),
        };
    }

    private static async Task<IResult> AuthWithPasswordAsync(HttpContext http, string collection, CollectionStore collections, RecordStore store, RecordRules rules, RecordExpander expander, ServerOptions options)
    {
        var c = AuthCollection(collections, collection);
        if (!c.PasswordAuthEnabled)
        {
            throw ApiException.Forbidden("The collection is not configured to allow password authentication.");
        }

        var body = await RequestBody.ReadAsync(http.Request, options.MaxBodySize, "An error occurred while loading the submitted data.");
        var identity = Json.String(body["identity"]) ?? "";
        var password = Json.String(body["password"]) ?? "";
        var identityField = Json.String(body["identityField"]) ?? "";
        http.Items[MfaService.ItemKey] = Json.String(body["mfaId"]) ?? "";
        var errors = new ValidationErrors();
        CheckLength(errors, "identity", identity);
        CheckLength(errors, "password", password);
        if (identityField.Length > 0 && !c.IdentityFields.Contains(identityField))
        {
            errors.Add("identityField", "validation_in_invalid", "Must be a valid value.");
        }

        errors.ThrowIfAny("An error occurred while validating the submitted data.");
        var candidates = identityField.Length > 0
            ? [identityField]
            : c.IdentityFields.OrderBy(f => f == "email" ? 0 : 1).Where(f => f != "email" || FieldValidation.IsEmail(identity)).ToList();

        var record = await store.Database.ReadAsync(async db =>
        {
            foreach (var field in candidates.Where(f => c.FindField(f) is not null))
            {
                var found = await RecordStore.QueryAsync(db, null, c, $"SELECT * FROM {TableSchema.Quote(c.Name)} WHERE {TableSchema.Quote(field)} = @v LIMIT 1", new Dictionary<string, object?> { ["v"] = identity });
                if (found.Count > 0)
                {
                    return found[0];
                }
            }

            return null;
        });

        if (record is null)
        {
            await Passwords.EqualiseTimingAsync(password);
            throw ApiException.BadRequest("Failed to authenticate.");
        }

        if (!await Passwords.VerifyAsync(password, record.GetString("password")))
        {
            throw ApiException.BadRequest("Failed to authenticate.");
        }

        var response = await AuthResponses.CreateAsync(http, record, TokenService.CreateAuthToken(record), "password", store, rules, expander);
        return JsonOutput.Result(FieldsPicker.Apply(response, http.Request.Query["fields"]));
    }

    private static async Task<IResult> AuthRefreshAsync(HttpContext http, string collection, CollectionStore collections, RecordStore store, RecordRules rules, RecordExpander expander)
    {
        var c = collections.Find(collection) ?? throw ApiException.NotFound("Missing or invalid collection context.");
        var auth = RequestAuthState.Of(http);
        if (auth.Record is null)
        {
            throw ApiException.Unauthorized("The request requires valid record authorization token.");
        }

        if (auth.Record.Collection.Id != c.Id)
        {
            throw ApiException.Forbidden($"The request requires auth record from {c.Name} collection.");
        }

        // The auth middleware loaded this record for this request: it is not read again.
        var record = auth.Record;
        var claims = Jwt.ReadUnverified(auth.Token ?? "");
        var refreshable = Json.Bool(claims?["refreshable"]) ?? false;
        var token = refreshable ? TokenService.CreateAuthToken(record) : auth.Token!;
        var response = await AuthResponses.CreateAsync(http, record, token, "default", store, rules, expander);
        return JsonOutput.Result(FieldsPicker.Apply(response, http.Request.Query["fields"]));
    }

    private static void CheckLength(ValidationErrors errors, string key, string value)
    {
        if (value.Length == 0)
        {
            errors.Add(key, "validation_required", "Cannot be blank.");
        }
        else if (value.Length > 255)
        {
            errors.Add(key, "validation_length_out_of_range", "The length must be between 1 and 255.", new JsonObject { ["min"] = 1, ["max"] = 255 });
        }
    }
}
