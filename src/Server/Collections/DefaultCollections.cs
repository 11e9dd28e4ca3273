using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Collections;

/// <summary>The collections a fresh install starts with, in upstream's creation order.</summary>
public static class DefaultCollections
{
    private const string Owner = "@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId";

    public static IReadOnlyList<Collection> Create(string now) =>
    [
        Helper("_mfas", "pbc_2279338944", [Req("collectionRef"), Req("recordRef"), Req("method")], Owner, null,
            ["CREATE INDEX `idx_mfas_collectionRef_recordRef` ON `_mfas` (`collectionRef`,`recordRef`)"], now),
        Helper("_otps", "pbc_1638494021", [Req("collectionRef"), Req("recordRef"), OtpPassword(), CollectionDefaults.Text("sentTo", hidden: true, system: true)], Owner, null,
            ["CREATE INDEX `idx_otps_collectionRef_recordRef` ON `_otps` (`collectionRef`, `recordRef`)"], now),
        Helper("_externalAuths", "pbc_2281828961", [Req("collectionRef"), Req("recordRef"), Req("provider"), Req("providerId")], Owner, Owner,
            [
                "CREATE UNIQUE INDEX `idx_externalAuths_record_provider` ON `_externalAuths` (`collectionRef`, `recordRef`, `provider`)",
                "CREATE UNIQUE INDEX `idx_externalAuths_collection_provider` ON `_externalAuths` (`collectionRef`, `provider`, `providerId`)",
            ], now),
        Helper("_authOrigins", "pbc_4275539003", [Req("collectionRef"), Req("recordRef"), Req("fingerprint")], Owner, Owner,
            ["CREATE UNIQUE INDEX `idx_authOrigins_unique_pairs` ON `_authOrigins` (`collectionRef`, `recordRef`, `fingerprint`)"], now),
        Superusers(now),
        Users(now),
    ];

    private static Collection Superusers(string now)
    {
        var c = new Collection { Id = Collection.SuperusersId, Name = "_superusers", Type = "auth", System = true, Created = now, Updated = now };
        c.Fields.Add(CollectionDefaults.IdField());
        c.Options = CollectionDefaults.AuthOptions(86400);
        CollectionDefaults.EnsureSystemFields(c);
        c.Fields.Add(CollectionDefaults.Autodate("created", false, true));
        c.Fields.Add(CollectionDefaults.Autodate("updated", true, true));
        return c;
    }

    private static Collection Users(string now)
    {
        var c = new Collection
        {
            Id = "_pb_users_auth_", Name = "users", Type = "auth", Created = now, Updated = now,
            ListRule = "id = @request.auth.id", ViewRule = "id = @request.auth.id", CreateRule = "",
            UpdateRule = "id = @request.auth.id", DeleteRule = "id = @request.auth.id",
        };
        c.Fields.Add(CollectionDefaults.IdField());
        c.Options = CollectionDefaults.AuthOptions(432000);
        var oauth2 = (JsonObject)c.Options["oauth2"]!;
        oauth2["mappedFields"]!["name"] = "name";
        oauth2["mappedFields"]!["avatarURL"] = "avatar";
        CollectionDefaults.EnsureSystemFields(c);
        c.Fields.Add(CollectionDefaults.Text("name", max: 255));
        c.Fields.Add(new Field(new JsonObject
        {
            ["id"] = "file376926767", ["name"] = "avatar", ["type"] = "file", ["maxSelect"] = 1,
            ["mimeTypes"] = new JsonArray("image/jpeg", "image/png", "image/svg+xml", "image/gif", "image/webp"),
        }));
        c.Fields.Add(CollectionDefaults.Autodate("created", false, false));
        c.Fields.Add(CollectionDefaults.Autodate("updated", true, false));
        return c;
    }

    private static Collection Helper(string name, string id, List<Field> fields, string viewRule, string? deleteRule, List<string> indexes, string now)
    {
        var c = new Collection
        {
            Id = id, Name = name, System = true, Created = now, Updated = now,
            ListRule = viewRule, ViewRule = viewRule, DeleteRule = deleteRule, Indexes = indexes,
        };
        c.Fields.Add(CollectionDefaults.IdField());
        c.Fields.AddRange(fields);
        c.Fields.Add(CollectionDefaults.Autodate("created", false, true));
        c.Fields.Add(CollectionDefaults.Autodate("updated", true, true));
        return c;
    }

    private static Field Req(string name) => CollectionDefaults.Text(name, required: true, system: true);

    private static Field OtpPassword() => new(new JsonObject
    {
        ["id"] = CollectionDefaults.FieldId("password", "password"), ["name"] = "password", ["type"] = "password",
        ["hidden"] = true, ["required"] = true, ["system"] = true, ["cost"] = 8,
    });
}
