using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Touchpoint.Web.Tests.Support;

/// <summary>Small helpers for talking JSON to the app and reading what comes back.</summary>
public static class Http
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");

    public static StringContent Json(object body) => Json(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"Expected JSON, got {(int)response.StatusCode} {response.Content.Headers.ContentType}: {text[..Math.Min(text.Length, 500)]}");
        }
    }

    /// <summary>Asserts the status and an RFC 7807 problem document, and returns the document.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var doc = await response.ReadJsonAsync();
        Assert.Equal(status, doc.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(doc.GetProperty("title").GetString()));
        return doc;
    }

    /// <summary>The messages of a problem's <c>errors</c> entry for one field; fails when the field is not named.</summary>
    public static string[] ErrorsFor(this JsonElement problem, string field)
    {
        Assert.True(problem.TryGetProperty("errors", out var errors), $"No errors object in {problem}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No errors for '{field}' in {errors}");
        return messages.EnumerateArray().Select(m => m.GetString() ?? "").ToArray();
    }

    public static string Detail(this JsonElement problem) => problem.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";

    public static HttpClient WithKey(this HttpClient client, string secret)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
