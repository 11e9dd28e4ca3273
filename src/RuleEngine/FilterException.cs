namespace PocketBaseSharp.RuleEngine;

/// <summary>
/// Base of the two errors a filter, rule or sort can produce, so the API can answer both with one
/// 400 handler: <see cref="FilterSyntaxException"/> (malformed text) and
/// <see cref="FilterBindException"/> (well-formed text that does not fit the schema or the limits).
/// </summary>
public abstract class FilterException(string message) : Exception(message);
