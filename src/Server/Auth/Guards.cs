namespace PocketBaseSharp.Server.Auth;

/// <summary>Route guards with upstream's messages.</summary>
public static class Guards
{
    public static RequestAuthState RequireSuperuser(HttpContext http)
    {
        var auth = RequestAuthState.Of(http);
        if (auth.Record is null)
        {
            throw Api.ApiException.Unauthorized("The request requires valid record authorization token.");
        }

        return auth.IsSuperuser ? auth : throw Api.ApiException.Forbidden("The authorized record is not allowed to perform this action.");
    }
}
