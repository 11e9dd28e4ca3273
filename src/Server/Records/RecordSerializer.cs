using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Collections;

namespace PocketBaseSharp.Server.Records;

/// <summary>
/// Record JSON as upstream: visible fields with sorted keys, <c>collectionId</c>,
/// <c>collectionName</c> and <c>expand</c>. Hidden fields only for superusers; <c>password</c>
/// and <c>tokenKey</c> never; an auth record's <c>email</c> only when visible to the requester.
/// </summary>
public static class RecordSerializer
{
    /// <param name="showEmail">Forces the email in (auth responses, manageRule access).</param>
    public static JsonObject ToJson(Record record, RequestAuthState auth, bool showEmail = false, JsonObject? expand = null)
    {
        var c = record.Collection;
        var pairs = new List<KeyValuePair<string, JsonNode?>>(c.Fields.Count + 3)
        {
            new("collectionId", c.Id),
            new("collectionName", c.Name),
        };
        foreach (var field in c.Fields)
        {
            if (!record.Values.TryGetValue(field.Name, out var value) || !IsVisible(record, field, auth, showEmail))
            {
                continue;
            }

            Set(pairs, field.Name, Json.FromPlain(value));
        }

        if (expand is not null)
        {
            Set(pairs, "expand", expand);
        }

        // Keys sorted by ordinal order, as upstream writes them; a field named like a system key wins.
        pairs.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new JsonObject(pairs);
    }

    private static void Set(List<KeyValuePair<string, JsonNode?>> pairs, string key, JsonNode? value)
    {
        for (var i = 0; i < pairs.Count; i++)
        {
            if (pairs[i].Key == key)
            {
                pairs[i] = new(key, value);
                return;
            }
        }

        pairs.Add(new(key, value));
    }

    private static bool IsVisible(Record record, Field field, RequestAuthState auth, bool showEmail)
    {
        var c = record.Collection;
        if (c.IsAuth && field.Name is "password" or "tokenKey")
        {
            return false;
        }

        if (field.Type == "password")
        {
            return false;
        }

        if (field.Hidden && !auth.IsSuperuser)
        {
            return false;
        }

        if (c.IsAuth && field.Name == "email")
        {
            return showEmail || auth.IsSuperuser || record.GetBool("emailVisibility")
                || (auth.Record is { } r && r.Id == record.Id && r.Collection.Id == c.Id);
        }

        return true;
    }
}
