using System.Net;
using Touchpoint.Domain.Access;
using Touchpoint.Testing;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Voice;

/// <summary>Surveys and customers made through the API, each with a unique name so tests of one class never collide.</summary>
public static class VoiceTestData
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>Creates and publishes a one-question survey of the given type (nps, csat, ces); returns its id.</summary>
    public static async Task<long> LiveSurveyAsync(HttpClient admin, string type, string text = "How likely are you to recommend us?")
    {
        var created = await admin.PostAsync("/api/v1/surveys", Json(new
        {
            name = Unique(type.ToUpperInvariant()),
            definition = new
            {
                languages = new[] { "en" },
                questions = new object[] { new { id = type, type, required = true, text = new Dictionary<string, string> { ["en"] = text } } },
            },
        }), Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/surveys/{id}/publish", null, Ct)).StatusCode);
        return id;
    }

    public static async Task<(long Id, string ExternalId, string Email)> CustomerAsync(HttpClient admin, string name, string? segment = null)
    {
        var external = Unique("c");
        var email = $"{external}@customer.test";
        var r = await admin.PostAsync("/api/v1/customers", Json(new { externalId = external, name, email, segment }), Ct);
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync(Ct));
        return ((await r.ReadJsonAsync()).GetProperty("id").GetInt64(), external, email);
    }

    public static Task<HttpClient> AdminAsync(TouchpointApp app) => app.ClientWithRoleAsync(Roles.Admin);
}
