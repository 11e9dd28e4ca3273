using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Collections;

namespace PocketBaseSharp.Server.Records;

/// <summary>
/// The <c>oldPassword</c> of a password change, checked against the stored hash before the write
/// transaction, so the single writer never waits for that bcrypt check (tens of milliseconds in
/// which no other write could commit). The form uses the answer only when the plain text and the
/// hash it finds inside the transaction are the ones checked here; otherwise it checks itself.
/// </summary>
public sealed record PrecheckedOldPassword(string Plain, string Hash, bool Matches)
{
    /// <summary>
    /// Checks when the form will: an auth record changing its own password (<c>password</c> or
    /// <c>passwordConfirm</c> submitted; a missing <c>oldPassword</c> is checked as empty, as the
    /// form does). Only for the record's own token: the form checks after the update rule, so
    /// checking anyone else's record here would answer a refused request a bcrypt check later,
    /// telling which ids exist. Not when the update is refused to everyone but superusers (no
    /// update rule) or when a manage rule may spare the check. Null when no check is due; the form
    /// then checks if it must.
    /// </summary>
    public static async Task<PrecheckedOldPassword?> ForAsync(Collection? c, string? id, JsonObject body, RequestAuthState auth, RecordStore store)
    {
        if (c is not { IsAuth: true, UpdateRule: not null } || c.ManageRule is { Length: > 0 } || id is null || auth.IsSuperuser
            || auth.Record is not { } caller || caller.Id != id || caller.Collection.Id != c.Id
            || !(body.ContainsKey("password") || body.ContainsKey("passwordConfirm")))
        {
            return null;
        }

        var hash = (await store.FindByIdAsync(c, id))?.GetString("password");
        if (string.IsNullOrEmpty(hash))
        {
            return null;
        }

        var plain = body.TryGetPropertyValue("oldPassword", out var value) ? FieldValues.ToText(value) : "";
        return new PrecheckedOldPassword(plain, hash, await Passwords.VerifyAsync(plain, hash));
    }

    /// <summary>Whether <paramref name="plain"/> is the password of <paramref name="hash"/>, checked before the transaction or now.</summary>
    public static bool Check(PrecheckedOldPassword? prechecked, string plain, string hash) =>
        prechecked is { } p && p.Plain == plain && p.Hash == hash ? p.Matches : Passwords.Verify(plain, hash);
}
