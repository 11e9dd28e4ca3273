using System.Text.Json;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;

namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// Applies submitted collection JSON over a new or stored collection: known keys only, a
/// submitted <c>fields</c> list replaces the stored one, id-less fields get upstream's default ids.
/// </summary>
public static class CollectionInput
{
    private const string Unmappable = "Failed to load the submitted data due to invalid formatting.";
    private static readonly string[] RuleKeys = ["listRule", "viewRule", "createRule", "updateRule", "deleteRule"];
    private static readonly HashSet<string> CommonKeys = ["id", "name", "type", "system", "fields", "indexes", "listRule", "viewRule", "createRule", "updateRule", "deleteRule", "created", "updated", "viewQuery"];

    public static void Apply(Collection target, JsonObject input, bool isNew)
    {
        try
        {
            ApplyUnchecked(target, input, isNew);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or JsonException or InvalidCastException)
        {
            throw ApiException.BadRequest(Unmappable);
        }
    }

    private static void ApplyUnchecked(Collection target, JsonObject input, bool isNew)
    {
        if (isNew)
        {
            target.Id = OptionalString(input, "id") ?? "";
            target.Type = OptionalString(input, "type") ?? "base";
        }
        else if (input.ContainsKey("type"))
        {
            target.Type = OptionalString(input, "type") ?? target.Type;
        }

        if (input.ContainsKey("name"))
        {
            target.Name = OptionalString(input, "name") ?? "";
        }

        foreach (var key in RuleKeys)
        {
            if (input.TryGetPropertyValue(key, out var rule))
            {
                var value = rule is null ? null : rule.GetValueKind() == JsonValueKind.String ? rule.GetValue<string>() : throw new FormatException();
                switch (key)
                {
                    case "listRule": target.ListRule = value; break;
                    case "viewRule": target.ViewRule = value; break;
                    case "createRule": target.CreateRule = value; break;
                    case "updateRule": target.UpdateRule = value; break;
                    default: target.DeleteRule = value; break;
                }
            }
        }

        if (input["indexes"] is JsonArray indexes)
        {
            target.Indexes = [.. indexes.Select(i => i!.GetValue<string>())];
        }
        else if (input.ContainsKey("indexes") && input["indexes"] is not null)
        {
            throw new FormatException();
        }

        if (input["fields"] is JsonArray fields)
        {
            target.Fields = ParseFields(fields);
        }
        else if (input.ContainsKey("fields") && input["fields"] is not null)
        {
            throw new FormatException();
        }

        if (target.Type == "view" && input.ContainsKey("viewQuery"))
        {
            target.Options["viewQuery"] = OptionalString(input, "viewQuery") ?? "";
        }

        if (target.Type == "auth")
        {
            foreach (var (key, value) in input.Where(p => !CommonKeys.Contains(p.Key)))
            {
                MergeOption(target.Options, key, value);
            }

            CheckAuthOptionTypes(target.Options);
        }
    }

    private static void MergeOption(JsonObject options, string key, JsonNode? value)
    {
        if (value is JsonObject obj && options[key] is JsonObject existing)
        {
            foreach (var (k, v) in obj)
            {
                existing[k] = v?.DeepClone();
            }
        }
        else
        {
            options[key] = value?.DeepClone();
        }
    }

    private static List<Field> ParseFields(JsonArray fields)
    {
        var result = new List<Field>();
        foreach (var node in fields)
        {
            var raw = (JsonObject)(node ?? throw new FormatException()).DeepClone();
            var type = raw["type"]?.GetValue<string>() ?? throw new FormatException();
            if (!FieldTypes.IsKnown(type))
            {
                throw new FormatException();
            }

            CheckOptionTypes(raw, type);
            var field = new Field(raw);
            var name = raw["name"]?.GetValue<string>() ?? "";
            if (field.Id.Length == 0)
            {
                var same = result.FindIndex(f => f.Name == name);
                if (same >= 0)
                {
                    field.Id = result[same].Id;
                    result[same] = field;
                    continue;
                }

                var id = CollectionDefaults.FieldId(type, name);
                var candidate = id;
                for (var n = 2; result.Exists(f => f.Id == candidate); n++)
                {
                    candidate = id + n;
                }

                field.Id = candidate;
            }

            result.Add(field);
        }

        return result;
    }

    /// <summary>Rejects values whose JSON kind cannot map onto the option (upstream fails to unmarshal them).</summary>
    private static void CheckOptionTypes(JsonObject raw, string type)
    {
        var defaults = FieldTypes.Defaults(type);
        defaults["id"] = "";
        defaults["name"] = "";
        defaults["system"] = false;
        defaults["hidden"] = false;
        defaults["presentable"] = false;
        foreach (var (key, value) in raw)
        {
            if (!defaults.TryGetPropertyValue(key, out var expected) || value is null)
            {
                continue;
            }

            var kind = value.GetValueKind();
            var ok = expected?.GetValueKind() switch
            {
                null => kind is JsonValueKind.Number or JsonValueKind.Array,
                JsonValueKind.True or JsonValueKind.False => kind is JsonValueKind.True or JsonValueKind.False,
                JsonValueKind.Array => kind == JsonValueKind.Array,
                var k => kind == k,
            };
            if (!ok)
            {
                throw new FormatException();
            }
        }
    }

    /// <summary>Auth options that must be objects, with numeric durations.</summary>
    public static void CheckAuthOptionTypes(JsonObject options)
    {
        foreach (var key in new[] { "authAlert", "oauth2", "passwordAuth", "mfa", "otp", "authToken", "passwordResetToken", "emailChangeToken", "verificationToken", "fileToken", "verificationTemplate", "resetPasswordTemplate", "confirmEmailChangeTemplate" })
        {
            if (options.TryGetPropertyValue(key, out var node) && node is not JsonObject)
            {
                throw new FormatException();
            }

            if (node is JsonObject o && o["duration"] is { } d && d.GetValueKind() != JsonValueKind.Number)
            {
                throw new FormatException();
            }
        }

        if (options["passwordAuth"] is JsonObject p && p["identityFields"] is { } ids && ids is not JsonArray)
        {
            throw new FormatException();
        }
    }

    private static string? OptionalString(JsonObject input, string key) => input[key] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw new FormatException(),
    };
}
