using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Splits a subscription string into its topic and its <c>options</c> query parameter
/// (<c>{"query":{…},"headers":{…}}</c>). Invalid options are ignored, as upstream does.
/// </summary>
public static class SubscriptionParser
{
    public static Subscription Parse(string key)
    {
        key = SharedStrings.Share(key);
        var question = key.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return new Subscription(key, key, SubscriptionOptions.None);
        }

        var topic = SharedStrings.Share(key[..question]);
        var query = QueryHelpers.ParseQuery(key[question..]);
        if (!query.TryGetValue("options", out var raw) || raw.Count == 0 || string.IsNullOrEmpty(raw[0]))
        {
            return new Subscription(key, topic, SubscriptionOptions.None);
        }

        return new Subscription(key, topic, ParseOptions(raw[0]!));
    }

    public static SubscriptionOptions ParseOptions(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return SubscriptionOptions.None;
            }

            var query = ReadMap(document.RootElement, "query", name => name);
            var headers = ReadMap(document.RootElement, "headers", HeaderName.ToSnakeCase);
            return query.Count == 0 && headers.Count == 0 ? SubscriptionOptions.None : new SubscriptionOptions(query, headers);
        }
        catch (JsonException)
        {
            return SubscriptionOptions.None;
        }
    }

    private static Dictionary<string, string> ReadMap(JsonElement root, string property, Func<string, string> keyOf)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty(property, out var element) || element.ValueKind != JsonValueKind.Object)
        {
            return map;
        }

        foreach (var item in element.EnumerateObject())
        {
            map[keyOf(item.Name)] = AsString(item.Value);
        }

        return map;
    }

    /// <summary>Query values of any JSON type become strings, as a URL query would carry them.</summary>
    private static string AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };
}
