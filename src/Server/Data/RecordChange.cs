using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Data;

/// <summary>One committed record write: <c>create</c>, <c>update</c> or <c>delete</c>.</summary>
/// <param name="Record">The record after the write; for a delete, its last stored state.</param>
public sealed record RecordChange(string Action, Collection Collection, Record Record);
