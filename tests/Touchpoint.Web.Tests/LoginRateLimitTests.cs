using System.Net;
using Touchpoint.Testing;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

/// <summary>
/// Sign-in attempts are braked per address: 20 a minute by default (Security:LoginAttemptsPerMinute), then 429 with
/// Retry-After. Its own app, so the attempts it spends do not slow other tests' sign-ins.
/// </summary>
public sealed class LoginRateLimitTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_twenty_first_sign_in_attempt_in_a_minute_is_refused_with_429()
    {
        var browser = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var token = TouchpointApp.AntiforgeryToken(await browser.GetStringAsync("/login", Ct));
        Task<HttpResponseMessage> Attempt(int i) => browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = $"nobody{i}@test.local", ["password"] = "not-the-password", ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }), Ct);
        for (var i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.Redirect, (await Attempt(i)).StatusCode);
        var refused = await Attempt(20);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
    }
}
