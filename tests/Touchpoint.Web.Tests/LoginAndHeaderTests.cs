using System.Net;
using Touchpoint.Domain.Access;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

public abstract class LoginAndHeaderTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private const string Password = "a-long-enough-password";

    private async Task<string> CreateUserAsync(string email)
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var created = await admin.PostAsync("/api/v1/users", Json(new { email, displayName = "Lock Test", role = "agent", password = Password }), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return email;
    }

    private async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, bool withToken = true)
    {
        var form = new Dictionary<string, string> { ["email"] = email, ["password"] = password, ["returnUrl"] = "/" };
        if (withToken) form["__RequestVerificationToken"] = TouchpointApp.AntiforgeryToken(await client.GetStringAsync("/login", Ct));
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(form), Ct);
    }

    private HttpClient Browser() => app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_password()
    {
        var email = await CreateUserAsync("locked@test.local");
        var browser = Browser();
        for (var i = 0; i < 4; i++)
            Assert.Contains("error=invalid", (await PostLoginAsync(browser, email, "wrong-password-" + i)).Headers.Location!.ToString());
        Assert.Contains("error=locked", (await PostLoginAsync(browser, email, "wrong-password-5")).Headers.Location!.ToString());

        var right = await PostLoginAsync(browser, email, Password);
        Assert.Contains("error=locked", right.Headers.Location!.ToString());
        var page = await browser.GetStringAsync(right.Headers.Location, Ct);
        Assert.Contains("locked for 15 minutes", page);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/", Ct)).StatusCode); // still not signed in
    }

    [Fact]
    public async Task A_login_post_without_the_antiforgery_token_is_refused_with_400()
    {
        var email = await CreateUserAsync("noforgery@test.local");
        var browser = Browser();
        var response = await PostLoginAsync(browser, email, Password, withToken: false);
        await response.ProblemAsync(400);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("touchpoint.auth", StringComparison.Ordinal)));
        var signedIn = await PostLoginAsync(browser, email, Password);
        Assert.Equal("/", signedIn.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_auth_cookie_is_http_only_and_same_site_strict()
    {
        var email = await CreateUserAsync("cookie@test.local");
        var response = await PostLoginAsync(Browser(), email, Password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("touchpoint.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/login", false)]
    [InlineData("/", true)]
    [InlineData("/api/v1/customers", true)]
    [InlineData("/api/v1/customers/987654321", true)]
    [InlineData("/health/ready", false)]
    public async Task Pages_and_api_responses_carry_the_security_headers(string path, bool signedIn)
    {
        var client = signedIn ? await app.SignedInClientAsync() : app.CreateClient();
        var response = await client.GetAsync(path, Ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }
}

public sealed class LoginAndHeadersOnSqlite(SqliteApp app) : LoginAndHeaderTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class LoginAndHeadersOnPostgres(PostgresApp app) : LoginAndHeaderTests<PostgresApp>(app), IClassFixture<PostgresApp>;
