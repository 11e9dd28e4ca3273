namespace PocketBaseSharp.Server.Bench;

/// <summary>The ceiling endpoint's body.</summary>
public sealed record CeilingMessage(string Message, int Code);
