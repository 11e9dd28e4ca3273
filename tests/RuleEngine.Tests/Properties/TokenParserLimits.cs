namespace PocketBaseSharp.RuleEngine.Tests.Properties;

/// <summary>The parser's limits, mirrored for the generators.</summary>
internal static class TokenParserLimits
{
    public const int MaxFunctionDepth = PocketBaseSharp.RuleEngine.Parsing.TokenParser.MaxFunctionDepth;
}
