namespace PocketBaseSharp.RuleEngine;

/// <summary>One item of a <c>sort</c> parameter: a field path, <c>@random</c> or <c>@rowid</c>, and its direction.</summary>
public sealed record SortItem(string Path, bool Descending);
