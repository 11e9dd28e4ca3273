using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// The 14 field types and the type-specific keys each one always carries in collection JSON,
/// with their defaults (upstream serialises every key of a field, sorted).
/// </summary>
public static class FieldTypes
{
    public static readonly IReadOnlyList<string> All =
        ["text", "number", "bool", "email", "url", "editor", "date", "autodate", "select", "file", "relation", "json", "geoPoint", "password"];

    public static bool IsKnown(string type) => All.Contains(type);

    /// <summary>Default values of the type-specific keys (besides id, name, type, system, hidden, presentable).</summary>
    public static JsonObject Defaults(string type)
    {
        var o = type == "autodate" ? new JsonObject() : new JsonObject { ["help"] = "", ["required"] = false };
        switch (type)
        {
            case "text":
                o["autogeneratePattern"] = ""; o["max"] = 0; o["min"] = 0; o["pattern"] = ""; o["primaryKey"] = false;
                break;
            case "number":
                o["max"] = null; o["min"] = null; o["onlyInt"] = false;
                break;
            case "email" or "url":
                o["exceptDomains"] = null; o["onlyDomains"] = null;
                break;
            case "editor":
                o["convertURLs"] = false; o["maxSize"] = 0;
                break;
            case "date":
                o["max"] = ""; o["min"] = "";
                break;
            case "autodate":
                o["onCreate"] = true; o["onUpdate"] = false;
                break;
            case "select":
                o["maxSelect"] = 1; o["values"] = new JsonArray();
                break;
            case "file":
                o["maxSelect"] = 1; o["maxSize"] = 0; o["mimeTypes"] = new JsonArray(); o["protected"] = false; o["thumbs"] = null;
                break;
            case "relation":
                o["cascadeDelete"] = false; o["collectionId"] = ""; o["maxSelect"] = 1; o["minSelect"] = 0;
                break;
            case "json":
                o["maxSize"] = 0;
                break;
            case "password":
                o["cost"] = 0; o["max"] = 0; o["min"] = 0; o["pattern"] = "";
                break;
        }

        return o;
    }

    /// <summary>The SQLite column definition (after the quoted name) for a new column.</summary>
    public static string ColumnDefinition(Field field)
    {
        if (field.IsPrimaryKey)
        {
            return "TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL";
        }

        return field.Type switch
        {
            "number" => "NUMERIC DEFAULT 0 NOT NULL",
            "bool" => "BOOLEAN DEFAULT FALSE NOT NULL",
            "json" => "JSON DEFAULT NULL",
            "geoPoint" => "JSON DEFAULT '{\"lon\":0,\"lat\":0}' NOT NULL",
            "select" or "file" or "relation" when field.IsMultiple => "JSON DEFAULT '[]' NOT NULL",
            _ => "TEXT DEFAULT '' NOT NULL",
        };
    }
}
