namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// One result column of a view query: its name (the <c>AS</c> alias, else the column's own name)
/// and its expression text. A plain column reference also has <see cref="Column"/> and, when
/// qualified (<c>t.col</c>), <see cref="Table"/>; <c>*</c> and <c>t.*</c> are references whose column is <c>*</c>.
/// </summary>
public sealed record ViewQueryColumn(string Name, string Expression, string? Table, string? Column)
{
    public bool IsReference => Column is not null;
}
