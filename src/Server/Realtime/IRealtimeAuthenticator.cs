namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// Reads the auth record of a <c>POST /api/realtime</c> request (the <c>Authorization</c> header).
/// An invalid or missing token is a guest (<c>null</c>), never an error.
/// </summary>
public interface IRealtimeAuthenticator
{
    ValueTask<RealtimeAuth?> AuthenticateAsync(HttpContext http);
}
