namespace PocketBaseSharp.RuleEngine.Ast;

/// <summary>A call such as <c>geoDistance(location.lon, location.lat, 23.3, 42.7)</c>; equal when name and arguments are.</summary>
public sealed record FunctionOperand(string Name, IReadOnlyList<Operand> Arguments) : Operand
{
    public bool Equals(FunctionOperand? other) =>
        other is not null && Name == other.Name && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() =>
        Arguments.Aggregate(Name.GetHashCode(StringComparison.Ordinal), HashCode.Combine);
}
