namespace PocketBaseSharp.Server.Collections;

/// <summary>A view query that cannot become a view collection; the message is upstream's reason.</summary>
public sealed class ViewQueryException(string message) : Exception(message);
