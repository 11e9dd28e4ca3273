namespace PocketBaseSharp.RuleEngine;

/// <summary>
/// A syntactically valid expression that cannot be compiled: unknown field, hidden field in a client
/// filter, unknown modifier, locked related collection, too many expressions, too long, …
/// </summary>
public sealed class FilterBindException(string message) : FilterException(message);
