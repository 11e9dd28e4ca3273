using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary>The caller of one request, resolved from the Authorization header (null record = guest).</summary>
public sealed record RequestAuthState(Record? Record, string? Token)
{
    public static readonly RequestAuthState Guest = new(null, null);

    public bool IsSuperuser => Record?.Collection.IsSuperusers == true;

    public static RequestAuthState Of(HttpContext http) =>
        http.Items.TryGetValue(typeof(RequestAuthState), out var v) && v is RequestAuthState s ? s : Guest;
}
