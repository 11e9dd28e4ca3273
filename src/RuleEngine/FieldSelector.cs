namespace PocketBaseSharp.RuleEngine;

/// <summary>
/// One item of the <c>fields</c> parameter: a dotted path whose segments may be <c>*</c>
/// (<c>expand.author.name</c>, <c>*</c>, <c>meta.*</c>), optionally with an excerpt.
/// </summary>
public sealed record FieldSelector(IReadOnlyList<string> Path, ExcerptModifier? Excerpt)
{
    public bool Equals(FieldSelector? other) =>
        other is not null && Path.SequenceEqual(other.Path) && Equals(Excerpt, other.Excerpt);

    public override int GetHashCode() => HashCode.Combine(string.Join('.', Path), Excerpt);

    public override string ToString() => string.Join('.', Path) + (Excerpt is null ? "" : $":excerpt({Excerpt.Max},{Excerpt.WithEllipsis})");
}
