using System.Globalization;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Collections;

namespace PocketBaseSharp.Server.Records;

/// <summary>Validates one typed field value with upstream's codes; returns the error leaf or null.</summary>
public static class FieldValidator
{
    public static JsonObject? Validate(Field field, object? value, bool isNew)
    {
        var empty = IsEmpty(field, value);
        if (empty)
        {
            return field.Required ? Error("validation_required", "Cannot be blank.") : null;
        }

        return field.Type switch
        {
            "text" => Text(field, (string)value!, isNew),
            "number" => Number(field, (double)value!),
            "email" => Domain(field, (string)value!, email: true),
            "url" => Domain(field, (string)value!, email: false),
            "editor" => System.Text.Encoding.UTF8.GetByteCount((string)value!) > (field.MaxSize > 0 ? field.MaxSize : 5 << 20)
                ? Error("validation_content_size_limit", $"The maximum allowed content size is {(field.MaxSize > 0 ? field.MaxSize : 5 << 20)} bytes.")
                : null,
            "date" => Date(field, (string)value!),
            "select" => Select(field, value),
            "relation" => Relation(field, value),
            "file" => Count(field, value, "validation_too_many_files", $"The maximum allowed files is {Math.Max(field.MaxSelect, 1)}."),
            "json" => JsonSize(field, (JsonNode?)value),
            "geoPoint" => GeoPoint((JsonObject)value!),
            _ => null,
        };
    }

    public static bool IsEmpty(Field field, object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        double d => d == 0,
        bool b => !b,
        List<string> l => l.Count == 0,
        JsonObject o when field.Type == "geoPoint" => Json.Number(o["lon"]) == 0 && Json.Number(o["lat"]) == 0,
        JsonObject o => o.Count == 0,
        JsonArray a => a.Count == 0,
        JsonValue v => v.GetValueKind() == System.Text.Json.JsonValueKind.Null || (v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>().Length == 0),
        _ => false,
    };

    public static JsonObject? ValidatePassword(Field? field, string password)
    {
        var min = (int)(field?.Min ?? 0);
        var max = field?.Max is > 0 ? (int)field.Max.Value : 71;
        if (password.Length < min)
        {
            return Error("validation_min_text_constraint", $"Must be at least {min} character(s).", new JsonObject { ["min"] = min });
        }

        if (password.Length > max)
        {
            return Error("validation_max_text_constraint", $"Must be less than {max} character(s).", new JsonObject { ["max"] = max });
        }

        return field is not null && field.Pattern.Length > 0 && !FieldValidation.MatchesPattern(password, field.Pattern)
            ? Error("validation_invalid_format", "Invalid value format.")
            : null;
    }

    private static JsonObject? Text(Field field, string value, bool isNew)
    {
        var length = new StringInfo(value).LengthInTextElements;
        var min = (int)(field.Min ?? 0);
        var max = field.Max is > 0 ? (int)field.Max.Value : 5000;
        if (field.IsPrimaryKey)
        {
            if (value.IndexOfAny(['.', '/', '\\', '|', '"', '\'', '`', '<', '>', ':', '?', '*', '%', '$', '\0', '\t', '\r', '\n', ' ']) >= 0)
            {
                return Error("validation_forbidden_pk_character", "'" + value + "' is not a valid primary key value.");
            }
        }

        if (length < min)
        {
            return Error("validation_min_text_constraint", $"Must be at least {min} character(s).", new JsonObject { ["min"] = min });
        }

        if (length > max)
        {
            return Error("validation_max_text_constraint", $"Must be less than {max} character(s).", new JsonObject { ["max"] = max });
        }

        return field.Pattern.Length > 0 && !FieldValidation.MatchesPattern(value, field.Pattern)
            ? Error("validation_invalid_format", "Invalid value format.")
            : null;
    }

    private static JsonObject? Number(Field field, double value)
    {
        if (!double.IsFinite(value))
        {
            return Error("validation_not_a_number", "The submitted number is not properly formatted.");
        }

        if (field.OnlyInt && value != Math.Floor(value))
        {
            return Error("validation_only_int_constraint", "Decimal numbers are not allowed.");
        }

        if (field.Min is { } min && value < min)
        {
            return Error("validation_min_number_constraint", $"Must be greater or equal than {ValidationErrors.Num(min)}.", new JsonObject { ["min"] = Json.NumberNode(min) });
        }

        return field.Max is { } max && value > max
            ? Error("validation_max_number_constraint", $"Must be less or equal than {ValidationErrors.Num(max)}.", new JsonObject { ["max"] = Json.NumberNode(max) })
            : null;
    }

    private static JsonObject? Domain(Field field, string value, bool email)
    {
        string host;
        if (email)
        {
            if (!FieldValidation.IsEmail(value))
            {
                return Error("validation_is_email", "Must be a valid email address.");
            }

            host = value[(value.LastIndexOf('@') + 1)..];
        }
        else if (!FieldValidation.IsUrl(value, out host))
        {
            return Error("validation_invalid_url", "Must be a valid url.");
        }

        return FieldValidation.DomainAllowed(host, field.OnlyDomains, field.ExceptDomains)
            ? null
            : Error(email ? "validation_email_domain_not_allowed" : "validation_url_domain_not_allowed", $"{(email ? "Email" : "URL")} domain is not allowed.");
    }

    private static JsonObject? Date(Field field, string value)
    {
        var date = FieldValidation.ParseDate(value);
        if (FieldValidation.ParseDate(field.MinText) is { } min && date < min)
        {
            return Error("validation_min_date_constraint", "Must be no less than " + field.MinText + ".");
        }

        return FieldValidation.ParseDate(field.MaxText) is { } max && date > max
            ? Error("validation_max_date_constraint", "Must be no more than " + field.MaxText + ".")
            : null;
    }

    private static JsonObject? Select(Field field, object? value)
    {
        var items = value is List<string> l ? l : [(string)value!];
        var count = Count(field, value, "validation_too_many_values", $"Select no more than {Math.Max(field.MaxSelect, 1)}.");
        if (count is not null)
        {
            return count;
        }

        var invalid = items.FirstOrDefault(i => !field.Values.Contains(i));
        return invalid is null ? null : Error("validation_invalid_value", "Invalid value " + invalid + ".", new JsonObject { ["value"] = invalid });
    }

    private static JsonObject? Relation(Field field, object? value)
    {
        var items = value is List<string> l ? l : [(string)value!];
        if (items.Count < field.MinSelect)
        {
            return Error("validation_not_enough_values", $"Select at least {field.MinSelect}.", new JsonObject { ["minSelect"] = field.MinSelect });
        }

        return Count(field, value, "validation_too_many_values", $"Select no more than {Math.Max(field.MaxSelect, 1)}.");
    }

    private static JsonObject? Count(Field field, object? value, string code, string message)
    {
        var count = value is List<string> l ? l.Count : 1;
        return count > Math.Max(field.MaxSelect, 1) ? Error(code, message, new JsonObject { ["maxSelect"] = Math.Max(field.MaxSelect, 1) }) : null;
    }

    private static JsonObject? JsonSize(Field field, JsonNode? value)
    {
        var max = field.MaxSize > 0 ? field.MaxSize : 1 << 20;
        var size = System.Text.Encoding.UTF8.GetByteCount(value?.ToJsonString() ?? "null");
        return size > max ? Error("validation_json_size_limit", $"The maximum allowed JSON size is {max} bytes.", new JsonObject { ["maxSize"] = max }) : null;
    }

    private static JsonObject? GeoPoint(JsonObject point)
    {
        var lat = Json.Number(point["lat"]) ?? 0;
        var lon = Json.Number(point["lon"]) ?? 0;
        if (lat is < -90 or > 90)
        {
            return Error("validation_invalid_latitude", "Latitude must be between -90 and 90 degrees.");
        }

        return lon is < -180 or > 180 ? Error("validation_invalid_longitude", "Longitude must be between -180 and 180 degrees.") : null;
    }

    private static JsonObject Error(string code, string message, JsonObject? parameters = null) => ValidationErrors.Leaf(code, message, parameters);
}
