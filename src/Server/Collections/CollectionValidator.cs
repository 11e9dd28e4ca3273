using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PocketBaseSharp.RuleEngine;
using PocketBaseSharp.RuleEngine.Requests;
using PocketBaseSharp.RuleEngine.Sql;
using PocketBaseSharp.Server.Api;

namespace PocketBaseSharp.Server.Collections;

/// <summary>Collection checks with upstream's codes (records-and-fields.md §1.4).</summary>
public static partial class CollectionValidator
{
    private static readonly HashSet<string> ReservedFieldNames = ["null", "true", "false", "_rowid_", "collectionId", "collectionName", "expand"];
    private static readonly HashSet<string> InternalTables = ["_collections", "_params", "_migrations", "_logs"];

    [GeneratedRegex(@"^\w+$")]
    private static partial Regex Word();

    public static ValidationErrors Validate(Collection c, Collection? old, IReadOnlyList<Collection> all, IRuleValidator rules)
    {
        var errors = new ValidationErrors();
        ValidateName(c, old, all, errors);
        if (c.Type is not ("base" or "auth" or "view"))
        {
            errors.Add("type", "validation_in_invalid", "Must be a valid value.");
        }
        else if (old is not null && old.Type != c.Type)
        {
            errors.Add("type", "validation_collection_type_change", "Collection type cannot be changed.");
        }

        ValidateFields(c, old, all, errors);
        if (c.IsAuth)
        {
            ValidateAuthOptions(c, errors);
        }

        foreach (var (key, rule) in new[] { ("listRule", c.ListRule), ("viewRule", c.ViewRule), ("createRule", c.CreateRule), ("updateRule", c.UpdateRule), ("deleteRule", c.DeleteRule), ("authRule", c.IsAuth ? c.AuthRule : null), ("manageRule", c.IsAuth ? c.ManageRule : null) })
        {
            if (c.IsView && key is "createRule" or "updateRule" or "deleteRule" && rule is not null)
            {
                errors.Add(key, "validation_nil_or_not_empty_required", "Cannot be blank.");
            }
            else if (!errors.Has("fields") && rule is { } text && text.Trim().Length > 0 && rules.RuleError(text, c) is { } message)
            {
                errors.Add(key, "validation_invalid_rule", "Invalid rule. Raw error: " + message);
            }
        }

        return errors;
    }

    private static void ValidateName(Collection c, Collection? old, IReadOnlyList<Collection> all, ValidationErrors errors)
    {
        var name = c.Name;
        if (name.Length == 0)
        {
            errors.Add("name", "validation_required", "Cannot be blank.");
        }
        else if (name.Length > 255)
        {
            errors.Add("name", "validation_length_out_of_range", "The length must be between 1 and 255.");
        }
        else if (name.Contains("_via_", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("name", "validation_found_via", "The value cannot contain '_via_'.");
        }
        else if (!Word().IsMatch(name))
        {
            errors.Add("name", "validation_match_invalid", "Must be in a valid format.");
        }
        else if (old is { System: true } && old.Name != name)
        {
            errors.Add("name", "validation_collection_system_name_change", "System collection name cannot be changed.");
        }
        else if (all.Any(o => o.Id != c.Id && string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("name", "validation_collection_name_exists", "Collection name must be unique (case insensitive).");
        }
        else if (all.Any(o => o.Id != c.Id && o.Id == name))
        {
            errors.Add("name", "validation_collection_name_id_duplicate", "The name must not match an existing collection id.");
        }
        else if (InternalTables.Contains(name) || name.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("name", "validation_collection_name_invalid", "The name is reserved for internal use.");
        }
    }

    private static void ValidateFields(Collection c, Collection? old, IReadOnlyList<Collection> all, ValidationErrors errors)
    {
        var fields = new JsonObject();
        for (var i = 0; i < c.Fields.Count; i++)
        {
            var f = c.Fields[i];
            if (c.Fields.Take(i).Any(o => o.Id == f.Id))
            {
                errors.AddNested("fields", Nested(i, "id", "validation_duplicated_field_id", "Duplicated or invalid field id."));
                return;
            }

            if (c.Fields.Take(i).Any(o => string.Equals(o.Name, f.Name, StringComparison.OrdinalIgnoreCase)))
            {
                errors.AddNested("fields", Nested(i, "name", "validation_duplicated_field_name", "Duplicated or invalid field name."));
                return;
            }
        }

        if (old is not null)
        {
            // a view's fields are re-inferred from its query on every save
            foreach (var of in old.IsView ? [] : old.Fields.Where(f => f.System))
            {
                var nf = c.FindFieldById(of.Id);
                if (nf is null || nf.Name != of.Name)
                {
                    errors.Add("fields", "validation_system_field_change", "System fields cannot be deleted or renamed.");
                    return;
                }
            }

            for (var i = 0; i < c.Fields.Count; i++)
            {
                if (old.FindFieldById(c.Fields[i].Id) is { } of && of.Type != c.Fields[i].Type)
                {
                    errors.AddNested("fields", new JsonObject { [i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = ValidationErrors.Leaf("validation_field_type_change", "Field type cannot be changed.") });
                    return;
                }
            }
        }

        for (var i = 0; i < c.Fields.Count; i++)
        {
            var f = c.Fields[i];
            var fieldErrors = new ValidationErrors();
            var name = f.Name;
            if (name.Length == 0)
            {
                fieldErrors.Add("name", "validation_required", "Cannot be blank.");
            }
            else if (name.Length > 100)
            {
                fieldErrors.Add("name", "validation_length_out_of_range", "The length must be between 1 and 100.");
            }
            else if (!Word().IsMatch(name))
            {
                fieldErrors.Add("name", "validation_match_invalid", "Must be in a valid format.");
            }
            else if (ReservedFieldNames.Contains(name) || (c.IsAuth && name is "passwordConfirm" or "oldPassword"))
            {
                fieldErrors.Add("name", "validation_not_in_invalid", "Must be a valid value.");
            }
            else if (name.Contains("_via_", StringComparison.Ordinal))
            {
                fieldErrors.Add("name", "validation_found_via", "The value cannot contain '_via_'.");
            }

            if (f.Type == "relation")
            {
                var target = all.FirstOrDefault(o => o.Id == f.CollectionId) ?? (f.CollectionId == c.Id ? c : null);
                if (target is null)
                {
                    fieldErrors.Add("collectionId", "validation_field_relation_missing_collection", "The relation collection doesn't exist.");
                }
                else if (old?.FindFieldById(f.Id) is { Type: "relation" } of && of.CollectionId != f.CollectionId)
                {
                    fieldErrors.Add("collectionId", "validation_field_relation_change", "The relation collection cannot be changed.");
                }
            }

            if (f.Type is "text" or "password" && f.Pattern.Length > 0 && !IsRegex(f.Pattern))
            {
                fieldErrors.Add("pattern", "validation_invalid_regex", "Invalid regular expression.");
            }

            if (f.Type == "select" && f.Values.Count == 0)
            {
                fieldErrors.Add("values", "validation_required", "Cannot be blank.");
            }

            if (!fieldErrors.IsEmpty)
            {
                fields[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = fieldErrors.Data;
            }
        }

        if (fields.Count > 0)
        {
            errors.AddNested("fields", fields);
        }
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Token durations within upstream's bounds; identity fields must exist.</summary>
    private static void ValidateAuthOptions(Collection c, ValidationErrors errors)
    {
        foreach (var key in new[] { "authToken", "passwordResetToken", "emailChangeToken", "verificationToken", "fileToken" })
        {
            var duration = Json.Number((c.Options[key] as JsonObject)?["duration"]);
            if (duration is not (>= 10 and <= 94670856))
            {
                errors.AddNested(key, new JsonObject { ["duration"] = ValidationErrors.Leaf("validation_out_of_range", "Must be between 10 and 94670856.") });
            }
        }

        var missing = c.IdentityFields.FirstOrDefault(f => c.FindField(f) is null);
        if (missing is not null)
        {
            errors.AddNested("passwordAuth", new JsonObject { ["identityFields"] = ValidationErrors.Leaf("validation_missing_field", "Missing field " + missing + ".") });
        }
    }

    private static JsonObject Nested(int index, string key, string code, string message) => new()
    {
        [index.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject { [key] = ValidationErrors.Leaf(code, message) },
    };
}
