using System.Text;
using PocketBaseSharp.RuleEngine.Ast;

namespace PocketBaseSharp.RuleEngine;

/// <summary>
/// Prints a <see cref="FilterNode"/> as canonical filter text: single spaces, single quotes, and only
/// the parentheses needed so that parsing the text gives back the same tree. A text value that ends
/// with a backslash cannot be written in the grammar and is rejected.
/// </summary>
public static class FilterPrinter
{
    public static string Print(FilterNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node, 0, isRight: false);
        return builder.ToString();
    }

    public static string Print(Operand operand)
    {
        var builder = new StringBuilder();
        Write(builder, operand);
        return builder.ToString();
    }

    private static int Precedence(FilterNode node) => node switch
    {
        LogicalNode { Operator: LogicalOperator.Or } => 1,
        LogicalNode => 2,
        _ => 3,
    };

    private static void Write(StringBuilder builder, FilterNode node, int parentPrecedence, bool isRight)
    {
        var precedence = Precedence(node);

        // Chains parse left-nested, so a right child of the same precedence needs parentheses too.
        var parenthesise = precedence < parentPrecedence || (isRight && precedence == parentPrecedence);
        if (parenthesise)
        {
            builder.Append('(');
        }

        switch (node)
        {
            case ComparisonNode comparison:
                Write(builder, comparison.Left);
                builder.Append(' ').Append(ComparisonOperatorText.Symbol(comparison.Operator, comparison.AnyOf)).Append(' ');
                Write(builder, comparison.Right);
                break;
            case LogicalNode logical:
                Write(builder, logical.Left, precedence, isRight: false);
                builder.Append(logical.Operator == LogicalOperator.And ? " && " : " || ");
                Write(builder, logical.Right, precedence, isRight: true);
                break;
        }

        if (parenthesise)
        {
            builder.Append(')');
        }
    }

    private static void Write(StringBuilder builder, Operand operand)
    {
        switch (operand)
        {
            case IdentifierOperand identifier:
                builder.Append(identifier.Name);
                break;
            case NumberOperand number:
                builder.Append(number.Text);
                break;
            case TextOperand text:
                if (text.Value.EndsWith('\\'))
                {
                    throw new ArgumentException("A text ending with a backslash cannot be expressed in the filter grammar.", nameof(operand));
                }

                builder.Append('\'').Append(text.Value.Replace("'", "\\'", StringComparison.Ordinal)).Append('\'');
                break;
            case FunctionOperand function:
                builder.Append(function.Name).Append('(');
                for (var i = 0; i < function.Arguments.Count; i++)
                {
                    builder.Append(i == 0 ? "" : ", ");
                    Write(builder, function.Arguments[i]);
                }

                builder.Append(')');
                break;
        }
    }
}
