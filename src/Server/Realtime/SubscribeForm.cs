using System.Text.Json;
using System.Text.Json.Nodes;

namespace PocketBaseSharp.Server.Realtime;

/// <summary>
/// The body of <c>POST /api/realtime</c>, read from JSON or a form, and its validation with
/// upstream's limits (client id 1–255 characters, at most 1000 subscriptions of at most 2500).
/// </summary>
public sealed record SubscribeForm(string ClientId, IReadOnlyList<string> Subscriptions)
{
    public const int MaxClientIdLength = 255;
    public const int MaxSubscriptions = 1000;
    public const int MaxSubscriptionLength = 2500;

    /// <summary>Reads the body; null when it cannot be read as a subscribe form.</summary>
    public static async Task<SubscribeForm?> ReadAsync(HttpRequest request)
    {
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync();
                return new SubscribeForm(form["clientId"].ToString(), [.. form["subscriptions"].Select(s => s ?? "")]);
            }

            // SDK 0.19 sends a JSON content type even without a body: an empty body is an empty object.
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
            {
                return new SubscribeForm("", []);
            }

            using var document = JsonDocument.Parse(bytes);
            return FromJson(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Field errors keyed like upstream's; empty when the form is valid.</summary>
    public JsonObject Validate()
    {
        var errors = new JsonObject();
        if (ClientId.Length == 0)
        {
            errors["clientId"] = RealtimeErrors.FieldError("validation_required", "Cannot be blank.");
        }
        else if (ClientId.Length > MaxClientIdLength)
        {
            errors["clientId"] = RealtimeErrors.FieldError(
                "validation_length_out_of_range",
                $"The length must be between 1 and {MaxClientIdLength}.",
                new JsonObject { ["min"] = 1, ["max"] = MaxClientIdLength });
        }

        if (Subscriptions.Count > MaxSubscriptions)
        {
            errors["subscriptions"] = TooLong(MaxSubscriptions);
        }
        else
        {
            var items = new JsonObject();
            for (var i = 0; i < Subscriptions.Count; i++)
            {
                if (Subscriptions[i].Length > MaxSubscriptionLength)
                {
                    items[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = TooLong(MaxSubscriptionLength);
                }
            }

            if (items.Count > 0)
            {
                errors["subscriptions"] = items;
            }
        }

        return errors;
    }

    private static JsonObject TooLong(int max) =>
        RealtimeErrors.FieldError("validation_length_too_long", $"The length must be no more than {max}.", new JsonObject { ["max"] = max });

    private static SubscribeForm? FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var clientId = "";
        if (root.TryGetProperty("clientId", out var id))
        {
            if (id.ValueKind == JsonValueKind.String)
            {
                clientId = id.GetString() ?? "";
            }
            else if (id.ValueKind != JsonValueKind.Null)
            {
                return null;
            }
        }

        var subscriptions = new List<string>();
        if (root.TryGetProperty("subscriptions", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                subscriptions.Add(item.GetString() ?? "");
            }
        }

        return new SubscribeForm(clientId, subscriptions);
    }
}
