namespace PocketBaseSharp.RuleEngine;

/// <summary>The <c>:excerpt(max, withEllipsis)</c> modifier of a <c>fields</c> item.</summary>
public sealed record ExcerptModifier(int Max, bool WithEllipsis);
