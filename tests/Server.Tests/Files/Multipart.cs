using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PocketBaseSharp.Server.Tests.Support;

namespace PocketBaseSharp.Server.Tests.Files;

/// <summary>Multipart requests for the file tests, built like the SDKs send them.</summary>
public static class Multipart
{
    public static readonly byte[] Png =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
        0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
        0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
        0x42, 0x60, 0x82,
    ];

    public static MultipartFormDataContent Form(params (string Key, object Value)[] parts)
    {
        var form = new MultipartFormDataContent();
        foreach (var (key, value) in parts)
        {
            switch (value)
            {
                case ValueTuple<string, byte[]> upload:
                    var file = new ByteArrayContent(upload.Item2);
                    file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    form.Add(file, key, upload.Item1);
                    break;
                case JsonNode json:
                    form.Add(new StringContent(json.ToJsonString(), Encoding.UTF8), key);
                    break;
                default:
                    form.Add(new StringContent(value.ToString()!, Encoding.UTF8), key);
                    break;
            }
        }

        return form;
    }

    public static (string, byte[]) File(string name, string text) => (name, Encoding.UTF8.GetBytes(text));

    public static async Task<ApiClient.Response> SendAsync(Uri baseUri, HttpMethod method, string url, HttpContent content, string? token = null)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        var response = await http.SendAsync(request);
        return new ApiClient.Response(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public static async Task<(HttpResponseMessage Response, byte[] Body)> DownloadAsync(Uri baseUri, string url, string? range = null)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        var response = await http.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }
}
