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
        var pairs = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["collectionId"] = c.Id,
            ["collectionName"] = c.Name,
        };
        foreach (var field in c.Fields)
        {
            if (!record.Values.TryGetValue(field.Name, out var value) || !IsVisible(record, field, auth, showEmail))
            {
                continue;
            }

            pairs[field.Name] = Json.FromPlain(value);
        }

        if (expand is not null)
        {
            pairs["expand"] = expand;
        }

        return new JsonObject(pairs);
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
