namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// The first factor succeeded and a second one is required: answered as 401 <c>{"mfaId":"…"}</c>
/// (not the error shape) by <see cref="MfaRequiredMiddleware"/>.
/// </summary>
public sealed class MfaRequiredException(string mfaId) : Exception("A second authentication factor is required.")
{
    public string MfaId { get; } = mfaId;
}
