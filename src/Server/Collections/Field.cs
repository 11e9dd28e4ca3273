using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// One field definition. All keys of the collection JSON are kept in <see cref="Raw"/> (so unknown
/// or future options round-trip); the typed properties read the ones the server acts on.
/// </summary>
public sealed class Field(JsonObject raw)
{
    public JsonObject Raw { get; } = raw;

    public string Id
    {
        get => Str("id");
        set => Raw["id"] = value;
    }

    public string Name
    {
        get => Str("name");
        set => Raw["name"] = value;
    }

    public string Type => Str("type");

    public bool System => Bool("system");

    public bool Hidden => Bool("hidden");

    public bool Required => Bool("required");

    public bool IsPrimaryKey => Type == "text" && Bool("primaryKey");

    public int MaxSelect => (int)Num("maxSelect");

    public int MinSelect => (int)Num("minSelect");

    /// <summary>select/relation/file with <c>maxSelect</c> &gt; 1 hold a JSON array.</summary>
    public bool IsMultiple => Type is "select" or "relation" or "file" && MaxSelect > 1;

    public string CollectionId => Str("collectionId");

    public bool CascadeDelete => Bool("cascadeDelete");

    public double? Min => NumOrNull("min");

    public double? Max => NumOrNull("max");

    public string Pattern => Str("pattern");

    public string AutogeneratePattern => Str("autogeneratePattern");

    public bool OnlyInt => Bool("onlyInt");

    public bool OnCreate => Bool("onCreate");

    public bool OnUpdate => Bool("onUpdate");

    public long MaxSize => (long)Num("maxSize");

    public int Cost => (int)Num("cost");

    public IReadOnlyList<string> Values => Strings("values");

    public IReadOnlyList<string> OnlyDomains => Strings("onlyDomains");

    public IReadOnlyList<string> ExceptDomains => Strings("exceptDomains");

    public string MinText => Raw["min"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public string MaxText => Raw["max"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    /// <summary>The full JSON of the field: type defaults overlaid with the stored keys, sorted.</summary>
    public JsonObject ToJson()
    {
        var merged = FieldTypes.Defaults(Type);
        merged["hidden"] = false;
        merged["presentable"] = false;
        merged["system"] = false;
        foreach (var (key, value) in Raw)
        {
            merged[key] = value?.DeepClone();
        }

        return new JsonObject(merged.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
    }

    public Field Clone() => new((JsonObject)Raw.DeepClone());

    private string Str(string key) => Raw[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private bool Bool(string key) => Raw[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private double Num(string key) => NumOrNull(key) ?? 0;

    private double? NumOrNull(string key) => Json.Number(Raw[key]);

    private List<string> Strings(string key) => Raw[key] is JsonArray a
        ? [.. a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").Where(s => s.Length > 0)]
        : [];
}
