using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Auth;

/// <summary>
/// The <c>{token, record}</c> answer of every successful authentication, after the collection's
/// authRule was checked. Public so the other auth methods (OTP, OAuth2) answer the same way.
/// </summary>
public static class AuthResponses
{
    public static async Task<JsonObject> CreateAsync(HttpContext http, Record record, string token, string context, RecordStore store, RecordRules rules, RecordExpander expander)
    {
        var c = record.Collection;
        var asSelf = new RequestAuthState(record, token);
        var info = RecordRules.BuildRequestInfo(http, asSelf, null, context) with { IsSuperuser = false };
        var allowed = c.AuthRule switch
        {
            null => false,
            var rule when rule.Trim().Length == 0 => true,
            var rule => await store.Database.ReadAsync(db => rules.CheckAsync(db, null, c, record.Id, rule, info)),
        };
        if (!allowed)
        {
            throw ApiException.Forbidden("The request doesn't satisfy the collection requirements to authenticate.");
        }

        await http.RequestServices.GetRequiredService<AuthCompletion>().BeforeResponseAsync(http, record, context);

        var json = await store.Database.ReadAsync(db => expander.SerializeAsync(db, null, [record], http.Request.Query["expand"], asSelf, info, showEmail: true));
        return new JsonObject { ["record"] = json[0], ["token"] = token };
    }
}
