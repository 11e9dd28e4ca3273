namespace PocketBaseSharp.Server.Data;

/// <summary>A row of <c>_collections</c> as EF Core maps it; JSON columns stay raw text here.</summary>
public sealed class CollectionRow
{
    public string Id { get; set; } = "";

    public bool System { get; set; }

    public string Type { get; set; } = "base";

    public string Name { get; set; } = "";

    public string Fields { get; set; } = "[]";

    public string Indexes { get; set; } = "[]";

    public string? ListRule { get; set; }

    public string? ViewRule { get; set; }

    public string? CreateRule { get; set; }

    public string? UpdateRule { get; set; }

    public string? DeleteRule { get; set; }

    public string Options { get; set; } = "{}";

    public string Created { get; set; } = "";

    public string Updated { get; set; } = "";
}
