using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Crons;

namespace PocketBaseSharp.Server.Settings;

/// <summary>
/// Upstream's settings validation, reported in the nested <c>data</c> shape
/// (<c>{"meta":{"appName":{"code","message"}}}</c>, list items keyed by index).
/// </summary>
public static class SettingsValidator
{
    private static readonly string[] Audiences = ["", "@guest", "@auth"];

    /// <summary>The field errors, empty when the settings are valid.</summary>
    public static JsonObject Validate(AppSettings s)
    {
        var errors = new JsonObject();
        Add(errors, "meta", Meta(s.Meta));
        Add(errors, "smtp", Smtp(s.Smtp));
        Add(errors, "s3", S3(s.S3));
        Add(errors, "backups", Backups(s.Backups));
        Add(errors, "rateLimits", RateLimits(s.RateLimits));
        Add(errors, "batch", Batch(s.Batch));
        Add(errors, "logs", Logs(s.Logs));
        Add(errors, "trustedProxy", Items(s.TrustedProxy.Headers ?? [], h => h.Trim().Length == 0 ? Required() : null, "headers"));
        Add(errors, "superuserIPs", ItemErrors(s.SuperuserIPs, ip => IsIpOrCidr(ip) ? null : Leaf("validation_invalid_ip", "Must be a valid IP address or CIDR range.")));
        return errors;
    }

    private static JsonObject Meta(MetaSettings m)
    {
        var e = new JsonObject();
        Add(e, "appName", Text(m.AppName, 255));
        Add(e, "appURL", m.AppURL.Length == 0 ? Required() : IsUrl(m.AppURL) ? null : Leaf("validation_is_url", "Must be a valid URL."));
        Add(e, "senderName", Text(m.SenderName, 255));
        Add(e, "senderAddress", m.SenderAddress.Length == 0 ? Required() : IsEmail(m.SenderAddress) ? null : Leaf("validation_is_email", "Must be a valid email address."));
        return e;
    }

    private static JsonObject Smtp(SmtpSettings m)
    {
        var e = new JsonObject();
        if (!m.Enabled)
        {
            return e;
        }

        Add(e, "host", m.Host.Trim().Length == 0 ? Required() : Uri.CheckHostName(m.Host) == UriHostNameType.Unknown ? Leaf("validation_is_host", "Must be a valid host.") : null);
        Add(e, "port", m.Port <= 0 ? Required() : m.Port > 65535 ? Max(65535) : null);
        Add(e, "authMethod", m.AuthMethod is "" or "PLAIN" or "LOGIN" ? null : Leaf("validation_in_invalid", "Must be a valid value."));
        return e;
    }

    private static JsonObject S3(S3Settings m)
    {
        var e = new JsonObject();
        if (!m.Enabled)
        {
            return e;
        }

        Add(e, "bucket", m.Bucket.Length == 0 ? Required() : null);
        Add(e, "region", m.Region.Length == 0 ? Required() : null);
        Add(e, "endpoint", m.Endpoint.Length == 0 ? Required() : IsUrl(m.Endpoint) ? null : Leaf("validation_is_url", "Must be a valid URL."));
        Add(e, "accessKey", m.AccessKey.Length == 0 ? Required() : null);
        Add(e, "secret", string.IsNullOrEmpty(m.Secret) ? Required() : null);
        return e;
    }

    private static JsonObject Backups(BackupsSettings m)
    {
        var e = new JsonObject();
        Add(e, "cron", CronCheck.Error(m.Cron) is { } cronError ? Leaf("validation_invalid_cron", Api.ApiException.Normalize(cronError)) : null);
        Add(e, "cronMaxKeep", m.Cron.Length > 0 && m.CronMaxKeep == 0 ? Required() : m.CronMaxKeep < 0 ? Min(1) : null);
        Add(e, "s3", S3(m.S3));
        return e;
    }

    private static JsonObject RateLimits(RateLimitsSettings m)
    {
        var e = new JsonObject();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Add(e, "rules", ItemErrors(m.Rules, rule =>
        {
            var r = new JsonObject();
            Add(r, "label", rule.Label.Trim().Length == 0 ? Required()
                : !seen.Add(rule.Label + "\n" + rule.Audience) ? Leaf("validation_conflicting_rate_limit_rule", "Rate limit rule configuration with label {label} already exists or conflicts with another rule.", new JsonObject { ["label"] = rule.Label })
                : null);
            Add(r, "audience", Audiences.Contains(rule.Audience) ? null : Leaf("validation_in_invalid", "Must be a valid value."));
            Add(r, "duration", rule.Duration < 1 ? Min(1) : null);
            Add(r, "maxRequests", rule.MaxRequests < 1 ? Min(1) : null);
            return r.Count > 0 ? r : null;
        }));
        Add(e, "excludedIPs", ItemErrors(m.ExcludedIPs ?? [], ip => IsIpOrCidr(ip) ? null : Leaf("validation_invalid_ip", "Must be a valid IP address or CIDR range.")));
        return e;
    }

    private static JsonObject Batch(BatchSettings m)
    {
        var e = new JsonObject();
        Add(e, "maxRequests", m.Enabled && m.MaxRequests < 1 ? Min(1) : null);
        Add(e, "timeout", m.Enabled && m.Timeout < 1 ? Min(1) : null);
        Add(e, "maxBodySize", m.MaxBodySize < 0 ? Min(0) : null);
        return e;
    }

    private static JsonObject Logs(LogsSettings m)
    {
        var e = new JsonObject();
        Add(e, "maxDays", m.MaxDays < 0 ? Min(0) : null);
        return e;
    }

    private static JsonObject Items<T>(IReadOnlyList<T> items, Func<T, JsonObject?> check, string key)
    {
        var e = new JsonObject();
        Add(e, key, ItemErrors(items, check));
        return e;
    }

    private static JsonObject ItemErrors<T>(IReadOnlyList<T> items, Func<T, JsonObject?> check)
    {
        var e = new JsonObject();
        for (var i = 0; i < items.Count; i++)
        {
            Add(e, i.ToString(CultureInfo.InvariantCulture), check(items[i]));
        }

        return e;
    }

    private static void Add(JsonObject target, string key, JsonObject? error)
    {
        if (error is { Count: > 0 })
        {
            target[key] = error;
        }
    }

    private static JsonObject? Text(string value, int max) =>
        value.Trim().Length == 0 ? Required()
        : value.Length > max ? Leaf("validation_length_out_of_range", $"The length must be between 1 and {max}.", new JsonObject { ["min"] = 1, ["max"] = max })
        : null;

    private static JsonObject Required() => Leaf("validation_required", "Cannot be blank.");

    private static JsonObject Min(int min) => Leaf("validation_min_greater_equal_than_required", $"Must be no less than {min}.", new JsonObject { ["threshold"] = min });

    private static JsonObject Max(int max) => Leaf("validation_max_less_equal_than_required", $"Must be no greater than {max}.", new JsonObject { ["threshold"] = max });

    private static JsonObject Leaf(string code, string message, JsonObject? parameters = null)
    {
        var leaf = new JsonObject { ["code"] = code, ["message"] = message };
        if (parameters is not null)
        {
            leaf["params"] = parameters;
        }

        return leaf;
    }

    private static bool IsUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;

    private static bool IsEmail(string value) => MailAddress.TryCreate(value, out var a) && a.Address == value;

    private static bool IsIpOrCidr(string value)
    {
        var slash = value.IndexOf('/');
        if (slash < 0)
        {
            return IPAddress.TryParse(value, out _);
        }

        return IPAddress.TryParse(value[..slash], out var ip)
            && int.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            && bits <= (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }
}
