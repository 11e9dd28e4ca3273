namespace PocketBaseSharp.Server.Data;

/// <summary>A row of <c>_params</c> (e.g. <c>settings</c>).</summary>
public sealed class ParamRow
{
    public string Id { get; set; } = "";

    public string? Value { get; set; }

    public string Created { get; set; } = "";

    public string Updated { get; set; } = "";
}
