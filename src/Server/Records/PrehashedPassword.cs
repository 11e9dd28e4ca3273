using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Collections;

namespace PocketBaseSharp.Server.Records;

/// <summary>
/// A submitted password hashed before the write transaction, so the single writer never waits for
/// bcrypt (~70 ms at cost 10). As upstream, the hash is made when the value is set, before the
/// form is validated and saved; the form still validates exactly as before and uses this hash
/// only for the same plain text and cost (otherwise it hashes itself).
/// </summary>
public sealed record PrehashedPassword(string Plain, int Cost, string Hash)
{
    /// <summary>The bcrypt cost the form hashes with for <paramref name="c"/>.</summary>
    public static int CostOf(Collection c) => c.FindField("password")?.Cost ?? 10;

    /// <summary>
    /// Hashes <c>body.password</c> of an auth collection through the per-core bcrypt gate. Skipped
    /// (null) when the form is bound to fail anyway: blank, invalid or unconfirmed password.
    /// </summary>
    public static async Task<PrehashedPassword?> ForAsync(Collection? c, JsonObject body)
    {
        if (c is not { IsAuth: true }
            || !body.TryGetPropertyValue("password", out var value)
            || !body.TryGetPropertyValue("passwordConfirm", out var confirm))
        {
            return null;
        }

        var plain = FieldValues.ToText(value);
        if (plain.Length == 0 || FieldValues.ToText(confirm) != plain || FieldValidator.ValidatePassword(c.FindField("password"), plain) is not null)
        {
            return null;
        }

        var cost = CostOf(c);
        return new PrehashedPassword(plain, cost, await Passwords.HashAsync(plain, cost));
    }

    /// <summary>The hash of <paramref name="plain"/>, made before the transaction or now.</summary>
    public static string HashOf(PrehashedPassword? prehashed, string plain, int cost) =>
        prehashed is { } p && p.Plain == plain && p.Cost == cost ? p.Hash : Passwords.Hash(plain, cost);
}
