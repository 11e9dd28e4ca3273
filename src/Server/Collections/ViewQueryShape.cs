namespace PocketBaseSharp.Server.Collections;

/// <summary>The parts of a view query that decide its fields: the result columns and the FROM/JOIN sources (the first is the main table).</summary>
public sealed record ViewQueryShape(IReadOnlyList<ViewQueryColumn> Columns, IReadOnlyList<ViewQueryTable> Tables);
