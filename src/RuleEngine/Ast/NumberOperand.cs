using System.Globalization;

namespace PocketBaseSharp.RuleEngine.Ast;

/// <summary>A number literal; kept as written so printing gives back the same text.</summary>
public sealed record NumberOperand(string Text) : Operand
{
    public double Value => double.Parse(Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
