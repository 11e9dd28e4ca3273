namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// A check compiled with a stand-in auth id, and the positions of the parameters that hold it:
/// the check of any record of that auth collection is the same SQL with its id there.
/// </summary>
internal sealed class CheckTemplate
{
    private readonly CompiledCheck _check;
    private readonly int[] _idSlots;

    private CheckTemplate(CompiledCheck check, int[] idSlots)
    {
        _check = check;
        _idSlots = idSlots;
    }

    /// <summary>
    /// The template, when the two compiles (stand-in ids <paramref name="first"/> and
    /// <paramref name="second"/>) have the same SQL and every parameter is either the same in
    /// both or exactly the stand-in id in each; otherwise null (the id shaped the SQL, or went
    /// into a value such as a LIKE pattern).
    /// </summary>
    public static CheckTemplate? From(CompiledCheck? a, CompiledCheck? b, string first, string second)
    {
        if (a is null || b is null || !string.Equals(a.Sql, b.Sql, StringComparison.Ordinal) || a.Parameters.Count != b.Parameters.Count
            || a.IdParameter != b.IdParameter || a.Sql.Contains(first, StringComparison.Ordinal))
        {
            return null;
        }

        var slots = new List<int>();
        for (var i = 0; i < a.Parameters.Count; i++)
        {
            var (nameA, valueA) = a.Parameters[i];
            var (nameB, valueB) = b.Parameters[i];
            if (nameA != nameB)
            {
                return null;
            }

            if (valueA is string sa && valueB is string sb && sa == first && sb == second)
            {
                slots.Add(i);
            }
            else if (!Equals(valueA, valueB) || valueA is string text && text.Contains(first, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return new CheckTemplate(a, [.. slots]);
    }

    /// <summary>The check of the auth record <paramref name="authId"/>.</summary>
    public CompiledCheck For(string authId)
    {
        var parameters = _check.Parameters.ToArray();
        foreach (var slot in _idSlots)
        {
            parameters[slot] = new(parameters[slot].Key, authId);
        }

        return _check with { Parameters = parameters };
    }
}
