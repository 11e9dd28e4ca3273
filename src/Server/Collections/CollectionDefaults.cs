using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Records;

namespace PocketBaseSharp.Server.Collections;

/// <summary>Upstream's default ids, default fields, auth options and index conventions.</summary>
public static class CollectionDefaults
{
    public static string CollectionId(string type, string name) => "pbc_" + Crc32.Compute(type + name);

    public static string FieldId(string type, string name) => type + Crc32.Compute(name);

    public static Field IdField() => new(new JsonObject
    {
        ["autogeneratePattern"] = "[a-z0-9]{15}", ["help"] = "", ["hidden"] = false, ["id"] = "text3208210256",
        ["max"] = 15, ["min"] = 15, ["name"] = "id", ["pattern"] = "^[a-z0-9]+$", ["presentable"] = false,
        ["primaryKey"] = true, ["required"] = true, ["system"] = true, ["type"] = "text",
    });

    public static Field Text(string name, bool required = false, bool hidden = false, bool system = false, int max = 0) => new(new JsonObject
    {
        ["id"] = FieldId("text", name), ["name"] = name, ["type"] = "text", ["required"] = required,
        ["hidden"] = hidden, ["system"] = system, ["max"] = max,
    });

    public static Field Autodate(string name, bool onUpdate, bool system) => new(new JsonObject
    {
        ["id"] = FieldId("autodate", name), ["name"] = name, ["type"] = "autodate", ["onCreate"] = true,
        ["onUpdate"] = onUpdate, ["system"] = system,
    });

    /// <summary>The auth fields in upstream's order; appended when missing and forced system.</summary>
    public static IReadOnlyList<Field> AuthFields() =>
    [
        new(new JsonObject
        {
            ["cost"] = 0, ["hidden"] = true, ["id"] = "password901924565", ["max"] = 0, ["min"] = 8, ["name"] = "password",
            ["pattern"] = "", ["required"] = true, ["system"] = true, ["type"] = "password",
        }),
        new(new JsonObject
        {
            ["autogeneratePattern"] = "[a-zA-Z0-9]{50}", ["hidden"] = true, ["id"] = "text2504183744", ["max"] = 60, ["min"] = 30,
            ["name"] = "tokenKey", ["required"] = true, ["system"] = true, ["type"] = "text",
        }),
        new(new JsonObject { ["id"] = "email3885137012", ["name"] = "email", ["required"] = true, ["system"] = true, ["type"] = "email" }),
        new(new JsonObject { ["id"] = "bool1547992806", ["name"] = "emailVisibility", ["system"] = true, ["type"] = "bool" }),
        new(new JsonObject { ["id"] = "bool256245529", ["name"] = "verified", ["system"] = true, ["type"] = "bool" }),
    ];

    /// <summary>Adds the id field (and auth fields and indexes) a collection must have.</summary>
    public static void EnsureSystemFields(Collection c)
    {
        if (c.IsView)
        {
            return;
        }

        if (!c.Fields.Exists(f => f.IsPrimaryKey || f.Name == "id"))
        {
            c.Fields.Insert(0, IdField());
        }

        if (!c.IsAuth)
        {
            return;
        }

        foreach (var field in AuthFields())
        {
            var existing = c.FindField(field.Name);
            if (existing is null)
            {
                c.Fields.Add(field);
            }
            else
            {
                existing.Raw["system"] = true;
                if (field.Name is "password" or "tokenKey")
                {
                    existing.Raw["hidden"] = true;
                    existing.Raw["required"] = true;
                }
            }
        }

        AddUniqueIndexIfMissing(c, "tokenKey", $"CREATE UNIQUE INDEX `idx_tokenKey_{c.Id}` ON `{c.Name}` (`tokenKey`)");
        AddUniqueIndexIfMissing(c, "email", $"CREATE UNIQUE INDEX `idx_email_{c.Id}` ON `{c.Name}` (`email`) WHERE `email` != ''");
    }

    private static void AddUniqueIndexIfMissing(Collection c, string column, string sql)
    {
        if (!c.Indexes.Exists(i => IndexSql.IsUniqueOn(i, column)))
        {
            c.Indexes.Add(sql);
        }
    }

    public static JsonObject AuthOptions(long authTokenDuration) => new()
    {
        ["authRule"] = "",
        ["manageRule"] = null,
        ["authAlert"] = new JsonObject { ["enabled"] = true, ["emailTemplate"] = Template("Login from a new location", "<p>Hello,</p>\n<p>Your {APP_NAME} account was used from a new location:</p>\n<p><em>{ALERT_INFO}</em></p>\n<p>If this wasn't you, change your password now.</p>") },
        ["oauth2"] = new JsonObject
        {
            ["providers"] = new JsonArray(),
            ["mappedFields"] = new JsonObject { ["id"] = "", ["name"] = "", ["username"] = "", ["avatarURL"] = "" },
            ["enabled"] = false,
        },
        ["passwordAuth"] = new JsonObject { ["enabled"] = true, ["identityFields"] = new JsonArray("email") },
        ["mfa"] = new JsonObject { ["enabled"] = false, ["duration"] = 600, ["rule"] = "" },
        ["otp"] = new JsonObject { ["enabled"] = false, ["duration"] = 180, ["length"] = 8, ["emailTemplate"] = Template("OTP for {APP_NAME}", "<p>Hello,</p>\n<p>Your one-time password: <strong>{OTP}</strong></p>") },
        ["authToken"] = Token(authTokenDuration),
        ["passwordResetToken"] = Token(1800),
        ["emailChangeToken"] = Token(1800),
        ["verificationToken"] = Token(86400),
        ["fileToken"] = Token(180),
        ["verificationTemplate"] = Template("Verify your {APP_NAME} email", "<p>Hello,</p>\n<p>Confirm your email address with the link below.</p>\n<p><a href=\"{APP_URL}/_/#/auth/confirm-verification/{TOKEN}\">Verify</a></p>"),
        ["resetPasswordTemplate"] = Template("Reset your {APP_NAME} password", "<p>Hello,</p>\n<p>Reset your password with the link below.</p>\n<p><a href=\"{APP_URL}/_/#/auth/confirm-password-reset/{TOKEN}\">Reset password</a></p>"),
        ["confirmEmailChangeTemplate"] = Template("Confirm your {APP_NAME} new email address", "<p>Hello,</p>\n<p>Confirm your new email address with the link below.</p>\n<p><a href=\"{APP_URL}/_/#/auth/confirm-email-change/{TOKEN}\">Confirm new email</a></p>"),
    };

    /// <summary>Fills auth option keys that are missing (e.g. on a collection created through the API).</summary>
    public static void FillAuthOptions(Collection c)
    {
        var defaults = AuthOptions(c.IsSuperusers ? 86400 : 432000);
        foreach (var (key, value) in defaults)
        {
            if (!c.Options.ContainsKey(key))
            {
                c.Options[key] = value?.DeepClone();
            }
            else if (value is JsonObject dv && c.Options[key] is JsonObject cv)
            {
                foreach (var (k2, v2) in dv)
                {
                    if (!cv.ContainsKey(k2))
                    {
                        cv[k2] = v2?.DeepClone();
                    }
                }
            }
        }
    }

    private static JsonObject Token(long duration) => new() { ["secret"] = RandomText.Alphanumeric(50), ["duration"] = duration };

    private static JsonObject Template(string subject, string body) => new() { ["subject"] = subject, ["body"] = body };
}
