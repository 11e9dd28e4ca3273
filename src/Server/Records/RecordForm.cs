using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Api;
using PocketBaseSharp.Server.Auth;
using PocketBaseSharp.Server.Collections;
using PocketBaseSharp.Server.Data;

namespace PocketBaseSharp.Server.Records;

/// <summary>
/// Loads submitted data onto a record (shortest key first, modifiers, hidden and auth fields as
/// upstream) and validates it, collecting every field error with upstream's codes.
/// </summary>
public sealed class RecordForm(Record record, bool isNew, bool canManage, bool isSuperuser)
{
    private readonly ValidationErrors _errors = new();
    private string? _password;
    private string? _passwordConfirm;
    private string? _oldPassword;
    private readonly string _storedEmail = record.GetString("email");
    private readonly bool _storedVerified = record.GetBool("verified");
    private readonly string _storedId = record.Id;

    public Record Record => record;

    /// <summary>The password hashed before the write transaction, used when it matches the submitted one.</summary>
    public PrehashedPassword? PrehashedPassword { get; init; }

    /// <summary>The old password checked before the write transaction, used when it matches what the form checks.</summary>
    public PrecheckedOldPassword? OldPassword { get; init; }

    /// <summary>The submitted data after modifiers were resolved, as <c>@request.body</c> sees it.</summary>
    public Dictionary<string, object?> Body { get; } = new(StringComparer.Ordinal);

    public void Load(JsonObject body)
    {
        var c = record.Collection;
        foreach (var (rawKey, value) in body.OrderBy(p => p.Key.Length).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            if (c.IsAuth && rawKey is "passwordConfirm" or "oldPassword")
            {
                if (rawKey == "passwordConfirm") { _passwordConfirm = FieldValues.ToText(value); } else { _oldPassword = FieldValues.ToText(value); }
                Body[rawKey] = Json.ToPlain(value);
                continue;
            }

            var (name, modifier) = SplitModifier(rawKey);
            var field = c.FindField(name);
            if (field is null || name is "collectionId" or "collectionName" or "expand" || field.Type == "autodate")
            {
                continue;
            }

            // Hidden fields are superuser-only input; manage access does not widen that.
            if (field.Hidden && !isSuperuser && !(c.IsAuth && name == "password"))
            {
                continue;
            }

            Apply(field, modifier, value);
            Body[name] = record.Values.TryGetValue(name, out var v) ? ToPlain(v) : null;
        }
    }

    private void Apply(Field field, string modifier, JsonNode? value)
    {
        var name = field.Name;
        if (field.Type == "password")
        {
            _password = FieldValues.ToText(value);
            return;
        }

        if (modifier == ":autogenerate" && field.Type == "text")
        {
            record.Values[name] = FieldValues.ToText(value) + RandomText.FromPattern(field.AutogeneratePattern);
            return;
        }

        if (field.Type == "number" && modifier is "+" or "-")
        {
            var current = record.Values.TryGetValue(name, out var v) && v is double d ? d : 0;
            var delta = FieldValues.ToNumber(value);
            record.Values[name] = modifier == "+" ? current + delta : current - delta;
            return;
        }

        if (field.Type is "select" or "relation" or "file" && modifier is "+" or "-" or "^")
        {
            var current = record.GetList(name);
            var items = FieldValues.ToList(value);
            var updated = modifier switch
            {
                "+" => [.. current, .. items.Where(i => !current.Contains(i))],
                "^" => [.. items, .. current.Where(i => !items.Contains(i))],
                _ => current.Where(i => !items.Contains(i)).ToList(),
            };
            record.Values[name] = FieldValues.Single(field, updated);
            return;
        }

        if (modifier.Length == 0)
        {
            record.Values[name] = FieldValues.Normalize(field, value);
        }
    }

    /// <summary>"+tags" prepends (^), "tags+" appends (+), "tags-" removes (-).</summary>
    private static (string Name, string Modifier) SplitModifier(string key)
    {
        if (key.EndsWith(":autogenerate", StringComparison.Ordinal))
        {
            return (key[..^13], ":autogenerate");
        }

        if (key.Length > 1 && key[0] == '+')
        {
            return (key[1..], "^");
        }

        if (key.Length > 1 && key[^1] is '+' or '-')
        {
            return (key[..^1], key[^1].ToString());
        }

        return (key, "");
    }

    private static object? ToPlain(object? v) => v switch
    {
        JsonNode n => Json.ToPlain(n),
        List<string> l => l.Cast<object?>().ToList(),
        _ => v,
    };

    /// <summary>Fills server-managed values: id, autodates, tokenKey, password hash.</summary>
    public void Prepare()
    {
        var c = record.Collection;
        var now = Clock.Now();
        if (isNew)
        {
            foreach (var field in c.Fields)
            {
                if (!record.Values.ContainsKey(field.Name))
                {
                    record.Values[field.Name] = RecordColumns.FromDb(field, null);
                }

                if (field.Type == "text" && field.AutogeneratePattern.Length > 0 && record.GetString(field.Name).Length == 0)
                {
                    record.Values[field.Name] = RandomText.FromPattern(field.AutogeneratePattern);
                }
            }
        }

        foreach (var field in c.Fields.Where(f => f.Type == "autodate"))
        {
            if ((isNew && field.OnCreate) || (!isNew && field.OnUpdate))
            {
                record.Values[field.Name] = now;
            }
        }

        if (!c.IsAuth)
        {
            return;
        }

        if (c.IsSuperusers)
        {
            record.Values["verified"] = true;
        }

    }

    /// <summary>After validation: hashes a new password and rotates tokenKey on password/email change.</summary>
    private void FinalizeAuth()
    {
        var c = record.Collection;
        if (!c.IsAuth)
        {
            return;
        }

        if (_password is { Length: > 0 })
        {
            record.Values["password"] = PrehashedPassword.HashOf(PrehashedPassword, _password, PrehashedPassword.CostOf(c));
        }

        var emailChanged = !isNew && record.GetString("email") != _storedEmail;
        if (!isNew && (_password is { Length: > 0 } || emailChanged))
        {
            record.Values["tokenKey"] = RandomText.Alphanumeric(50);
        }
    }

    /// <summary>Validates the loaded values; throws 400 with every field error.</summary>
    public void Validate(string failureMessage)
    {
        var c = record.Collection;
        if (c.IsAuth)
        {
            ValidateAuth();
            _errors.ThrowIfAny(failureMessage);
        }

        if (!isNew && record.Id != _storedId)
        {
            _errors.Add("id", "validation_pk_change", "The record primary key cannot be changed.");
        }

        foreach (var field in c.Fields)
        {
            if (field.Type is "password" or "autodate" || (field.Name == "tokenKey" && c.IsAuth))
            {
                continue;
            }

            record.Values.TryGetValue(field.Name, out var value);
            var error = FieldValidator.Validate(field, value, isNew);
            if (error is not null)
            {
                _errors.AddNested(field.Name, error);
            }
        }

        _errors.ThrowIfAny(failureMessage);
        FinalizeAuth();
    }

    /// <summary>Adds an error found outside the form (e.g. missing relation records).</summary>
    public void AddError(string field, string code, string message, JsonObject? parameters = null) => _errors.Add(field, code, message, parameters);

    private void ValidateAuth()
    {
        var c = record.Collection;
        var field = c.FindField("password");
        if (isNew || _password is not null || _passwordConfirm is not null)
        {
            if (string.IsNullOrEmpty(_password))
            {
                _errors.Add("password", "validation_required", "Cannot be blank.");
            }
            else if (FieldValidator.ValidatePassword(field, _password) is { } error)
            {
                _errors.AddNested("password", error);
            }

            if (string.IsNullOrEmpty(_passwordConfirm))
            {
                _errors.Add("passwordConfirm", "validation_required", "Cannot be blank.");
            }
            else if (_passwordConfirm != _password)
            {
                _errors.Add("passwordConfirm", "validation_values_mismatch", "Values don't match.");
            }

            if (!isNew && !canManage && !PrecheckedOldPassword.Check(OldPassword, _oldPassword ?? "", record.GetString("password")))
            {
                _errors.Add("oldPassword", "validation_invalid_old_password", "Missing or invalid old password.");
            }
        }

        if (!isNew && !canManage && record.GetString("email") != _storedEmail)
        {
            _errors.Add("email", "validation_values_mismatch", "Values don't match.");
        }

        if (!canManage && !c.IsSuperusers && record.GetBool("verified") != (isNew ? false : _storedVerified))
        {
            _errors.Add("verified", "validation_values_mismatch", "Values don't match.");
        }
    }
}
