using System.Text.Json;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Settings;

/// <summary>
/// Converts <see cref="AppSettings"/> to and from upstream's JSON: the stored form keeps secrets,
/// the served form drops them, and a PATCH is merged over the current values the way Go's
/// <c>json.Unmarshal</c> fills an existing struct (objects merge, arrays and scalars replace).
/// </summary>
public static class SettingsJson
{
    private static readonly string[][] SecretPaths = [["smtp", "password"], ["s3", "secret"], ["backups", "s3", "secret"]];

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // Go matches keys case-insensitively when decoding; Web defaults already do, stated for clarity.
        PropertyNameCaseInsensitive = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
    };

    public static JsonObject ToStored(AppSettings settings) =>
        JsonSerializer.SerializeToNode(settings, Options)!.AsObject();

    public static JsonObject ToPublic(AppSettings settings)
    {
        var json = ToStored(settings);
        foreach (var path in SecretPaths)
        {
            JsonObject? parent = json;
            foreach (var key in path[..^1])
            {
                parent = parent?[key] as JsonObject;
            }

            parent?.Remove(path[^1]);
        }

        return json;
    }

    /// <summary>Reads stored settings; missing keys keep their defaults.</summary>
    public static AppSettings Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new AppSettings();
        }

        var node = JsonNode.Parse(json) as JsonObject ?? [];
        return Merge(new AppSettings(), node);
    }

    /// <summary>Returns a new settings object: <paramref name="patch"/> merged over <paramref name="current"/>.</summary>
    /// <exception cref="JsonException">A value has the wrong JSON type.</exception>
    public static AppSettings Merge(AppSettings current, JsonObject patch)
    {
        var merged = ToStored(current);
        MergeInto(merged, patch);
        return merged.Deserialize<AppSettings>(Options) ?? new AppSettings();
    }

    private static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (rawKey, value) in patch)
        {
            var key = target.ContainsKey(rawKey)
                ? rawKey
                : target.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, rawKey, StringComparison.OrdinalIgnoreCase)) ?? rawKey;

            if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                MergeInto(targetObject, patchObject);
            }
            else if (value is null && target[key] is JsonObject)
            {
                // Go leaves a struct untouched when the JSON value is null.
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
