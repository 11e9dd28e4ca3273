using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// A collection as stored in <c>_collections</c>. <see cref="Options"/> holds the type-specific
/// keys (auth options including token secrets; <c>viewQuery</c> for views).
/// </summary>
public sealed class Collection
{
    public const string SuperusersId = "pbc_3142635823";

    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Type { get; set; } = "base";

    public bool System { get; set; }

    public List<Field> Fields { get; set; } = [];

    public List<string> Indexes { get; set; } = [];

    public string? ListRule { get; set; }

    public string? ViewRule { get; set; }

    public string? CreateRule { get; set; }

    public string? UpdateRule { get; set; }

    public string? DeleteRule { get; set; }

    public JsonObject Options { get; set; } = [];

    public string Created { get; set; } = "";

    public string Updated { get; set; } = "";

    public bool IsAuth => Type == "auth";

    public bool IsView => Type == "view";

    public bool IsSuperusers => Id == SuperusersId || Name == "_superusers";

    public Field? FindField(string name) => Fields.Find(f => f.Name == name);

    public Field? FindFieldById(string id) => Fields.Find(f => f.Id == id);

    public string? AuthRule => Options["authRule"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public string? ManageRule => Options["manageRule"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public string ViewQuery => Json.String(Options["viewQuery"]) ?? "";

    /// <summary>A token option (<c>authToken</c>, <c>fileToken</c>, …): its secret and duration in seconds.</summary>
    public (string Secret, long Duration) TokenOptions(string key)
    {
        var node = Options[key] as JsonObject;
        return (Json.String(node?["secret"]) ?? "", (long)(Json.Number(node?["duration"]) ?? 0));
    }

    public bool PasswordAuthEnabled => Json.Bool((Options["passwordAuth"] as JsonObject)?["enabled"]) ?? false;

    public IReadOnlyList<string> IdentityFields =>
        (Options["passwordAuth"] as JsonObject)?["identityFields"] is JsonArray a
            ? [.. a.Select(Json.String).OfType<string>()]
            : [];

    public Collection Clone() => new()
    {
        Id = Id,
        Name = Name,
        Type = Type,
        System = System,
        Fields = [.. Fields.Select(f => f.Clone())],
        Indexes = [.. Indexes],
        ListRule = ListRule,
        ViewRule = ViewRule,
        CreateRule = CreateRule,
        UpdateRule = UpdateRule,
        DeleteRule = DeleteRule,
        Options = (JsonObject)Options.DeepClone(),
        Created = Created,
        Updated = Updated,
    };
}
