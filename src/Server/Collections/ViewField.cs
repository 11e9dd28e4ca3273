namespace PocketBaseSharp.Server.Collections;

/// <summary>
/// A view column resolved to a field: the field the view gets and, when the column reads a
/// collection's field, that collection and its field (<see cref="Original"/>), else nulls.
/// </summary>
public sealed record ViewField(Field Field, Collection? Source, Field? Original);
