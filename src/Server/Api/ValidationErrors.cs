using System.Globalization;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Api;

/// <summary>Collects per-field <c>{code, message, params}</c> errors in upstream's nested shape.</summary>
public sealed class ValidationErrors
{
    private readonly JsonObject _data = [];

    public bool IsEmpty => _data.Count == 0;

    public JsonObject Data => _data;

    public bool Has(string key) => _data.ContainsKey(key);

    /// <summary>Adds an error unless the key already has one (upstream reports the first failing check).</summary>
    public void Add(string key, string code, string message, JsonObject? parameters = null)
    {
        if (_data.ContainsKey(key))
        {
            return;
        }

        _data[key] = Leaf(code, message, parameters);
    }

    public void AddNested(string key, JsonObject nested)
    {
        if (!_data.ContainsKey(key))
        {
            _data[key] = nested;
        }
    }

    public static JsonObject Leaf(string code, string message, JsonObject? parameters = null)
    {
        var leaf = new JsonObject { ["code"] = code, ["message"] = ApiException.Normalize(message) };
        if (parameters is not null)
        {
            leaf["params"] = parameters;
        }

        return leaf;
    }

    public static string Num(double value) => value.ToString(CultureInfo.InvariantCulture);

    public void ThrowIfAny(string message)
    {
        if (!IsEmpty)
        {
            throw ApiException.BadRequest(message, _data);
        }
    }
}
