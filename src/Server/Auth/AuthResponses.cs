using System.Text.Json.Nodes;
using PocketBaseSharp.RuleEngine.Requests;
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
        RequestInfo? info = null;
        RequestInfo Info() => info ??= RecordRules.BuildRequestInfo(http, asSelf, null, context) with { IsSuperuser = false };
        var allowed = c.AuthRule switch
        {
            null => false,
            var rule when rule.Trim().Length == 0 => true,
            var rule => await store.Database.ReadAsync(db => rules.CheckAsync(db, null, c, record.Id, rule, Info())),
        };
        if (!allowed)
        {
            throw ApiException.Forbidden("The request doesn't satisfy the collection requirements to authenticate.");
        }

        await http.RequestServices.GetRequiredService<AuthCompletion>().BeforeResponseAsync(http, record, context);

        string? expand = http.Request.Query["expand"];

        // Without expand the record is its own JSON (the email is shown to its owner): no read needed.
        var json = string.IsNullOrWhiteSpace(expand)
            ? RecordSerializer.ToJson(record, asSelf, showEmail: true)
            : (await store.Database.ReadAsync(db => expander.SerializeAsync(db, null, [record], expand, asSelf, Info(), showEmail: true)))[0];
        return new JsonObject { ["record"] = json, ["token"] = token };
    }
}
