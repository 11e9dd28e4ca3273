using System.Collections.Immutable;
using PocketBaseSharp.Server.Api;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// <c>GET /api/realtime</c> (the SSE stream) and <c>POST /api/realtime</c> (replace a client's
/// subscriptions), with upstream's validation order: body, fields, client id, IP, auth.
/// Failures are <see cref="ApiException"/>s, rendered by the API's error middleware.
/// </summary>
public static class RealtimeEndpoints
{
    public static IEndpointRouteBuilder MapRealtimeApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/realtime", (HttpContext http, RealtimeStream stream) => stream.RunAsync(http));
        routes.MapPost("/api/realtime", SubscribeAsync);
        return routes;
    }

    private static async Task<IResult> SubscribeAsync(HttpContext http, IRealtimeBus bus, IRealtimeAuthenticator authenticator)
    {
        var form = await SubscribeForm.ReadAsync(http.Request);
        if (form is null)
        {
            throw ApiException.BadRequest(RealtimeErrors.Generic);
        }

        var errors = form.Validate();
        if (errors.Count > 0)
        {
            throw ApiException.BadRequest(RealtimeErrors.Generic, errors);
        }

        var client = bus.Find(form.ClientId);
        if (client is null || client.IsClosed)
        {
            throw ApiException.NotFound(RealtimeErrors.MissingClient);
        }

        if (!string.Equals(client.RemoteIp, http.Connection.RemoteIpAddress?.ToString(), StringComparison.Ordinal))
        {
            throw ApiException.BadRequest(RealtimeErrors.InvalidClient);
        }

        var auth = await authenticator.AuthenticateAsync(http);
        ImmutableArray<Subscription> subscriptions =
            [.. form.Subscriptions.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).Select(SubscriptionParser.Parse)];
        if (!client.TryUpdate(auth, subscriptions))
        {
            throw ApiException.Forbidden(RealtimeErrors.AuthMismatch);
        }

        return Results.NoContent();
    }
}
