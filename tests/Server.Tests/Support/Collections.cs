using System.Net;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Tests.Support;

/// <summary>Collection definitions shared by the API tests.</summary>
public static class Collections
{
    public static async Task<JsonObject> CreateAsync(ApiClient api, string token, JsonObject definition)
    {
        var response = await api.PostAsync("/api/collections", definition, token);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        return response.Object;
    }

    public static JsonObject Public(string name, params JsonObject[] fields) => new()
    {
        ["name"] = name,
        ["type"] = "base",
        ["listRule"] = "",
        ["viewRule"] = "",
        ["createRule"] = "",
        ["updateRule"] = "",
        ["deleteRule"] = "",
        ["fields"] = new JsonArray([.. fields, Autodate("created", false), Autodate("updated", true)]),
    };

    public static JsonObject Field(string name, string type, JsonObject? options = null)
    {
        var field = new JsonObject { ["name"] = name, ["type"] = type };
        foreach (var (k, v) in options ?? [])
        {
            field[k] = v?.DeepClone();
        }

        return field;
    }

    public static JsonObject Autodate(string name, bool onUpdate) =>
        new() { ["name"] = name, ["type"] = "autodate", ["onCreate"] = true, ["onUpdate"] = onUpdate };
}
