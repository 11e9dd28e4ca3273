namespace PocketBaseSharp.Server.Collections;

/// <summary>A FROM or JOIN source of a view query: a table (or view) name, or a subquery (<see cref="Name"/> empty), and the alias it is referred to by.</summary>
public sealed record ViewQueryTable(string Name, string Alias)
{
    public bool IsSubquery => Name.Length == 0;
}
