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
        get => Cached(ref _name, "name");
        set => Raw["name"] = value;
    }

    public string Type => Cached(ref _type, "type");

    // Name and type are read for every column of every record: decoding them from the JSON node
    // on each read allocated a string each time. The decoded text is kept with the node it came
    // from, so a changed Raw key is still seen.
    private sealed record DecodedText(JsonNode? Node, string Text);

    private DecodedText? _name;
    private DecodedText? _type;

    private string Cached(ref DecodedText? cache, string key)
    {
        var node = Raw[key];
        var current = Volatile.Read(ref cache);
        if (current is not null && ReferenceEquals(current.Node, node))
        {
            return current.Text;
        }

        var text = Str(key);
        Volatile.Write(ref cache, new DecodedText(node, text));
        return text;
    }

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
