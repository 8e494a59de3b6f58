using System.Net;
using Touchpoint.Domain.Access;
using Touchpoint.Testing;
using Touchpoint.Web.Security;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

/// <summary>
/// Authorisation on every route the app maps, found through its EndpointDataSource: a new route is covered the
/// moment it exists, and a new anonymous route fails the test until it is added to the intended list below.
/// </summary>
public abstract class RouteAuthorisationTests<TApp>(TApp app) where TApp : TouchpointApp
{
    /// <summary>The only routes a stranger may call (besides the static files of the UI).</summary>
    private static readonly string[] IntendedAnonymous =
    [
        "GET /health/live", "GET /health/ready", "GET /login", "POST /login", "POST /account/login", "GET /error", "POST /error",
        // The script files of the API reference page (Scalar marks them anonymous itself); the page and document are not.
        // The public survey answer page and its JSON twin (rate limited, honeypot; docs/voice.md).
        "GET /s/{token}", "POST /s/{token}", "POST /s/{token}/unsubscribe", "GET /s/survey/{id:long}", "POST /s/survey/{id:long}",
        "POST /api/v1/public/responses/{token}", "POST /api/v1/public/surveys/{id:long}/responses",
        // The in-page survey widget (/survey/widget.js): the visitor's state and the answer intake, rate limited, honeypot,
        // one answer per visitor token, identified visitors only with the host site's signature (docs/voice.md).
        "GET /api/v1/public/widget/{id:long}", "POST /api/v1/public/widget/{id:long}/responses",
        // The unsubscribe link of outreach email: a page with one button, the token is the secret, rate limited.
        "GET /u/{token}", "POST /u/{token}",
        "GET /api/scalar.js", "GET /api/scalar.aspnetcore.js", "GET /api/favicon.svg",
        // The public contact form (antiforgery, honeypot, rate limited per address) and the social webhook (signed
        // with HMAC-SHA256 and a timestamp, rate limited): see docs/channels.md.
        "GET /contact", "POST /contact", "POST /contact/send", "POST /api/v1/channels/social/webhook",
        // The chat widget's calls (CORS to configured origins, sessions limited per address, every other call needs a
        // visitor token that opens one conversation, lines limited per visitor) and its hub, which refuses a request
        // without a valid token before SignalR sees it: see docs/chat.md.
        "POST /chat/session", "GET /chat/messages", "POST /chat/messages", "POST /chat/identify", "POST /chat/typing",
        "GET /chat/hub", "GET /chat/hub/negotiate",
        // The web snippet's collection endpoint (a live publishable site key, only from its allowed origins, only
        // events for an anonymous visitor, rate limited per key and address) and the signed event webhooks (HMAC per
        // source, replay window, rate limited): see docs/snippet.md and docs/api.md.
        "POST /api/v1/collect", "POST /api/v1/webhooks/events/{source}",
    ];

    private IReadOnlyList<AppRoute> Routes => AppRoutes.Of(app);

    [Fact]
    public void Only_health_login_error_and_static_files_are_anonymous()
    {
        var anonymous = Routes.Where(r => r.Anonymous && !r.IsStaticAsset).Select(r => r.ToString()).Order().ToList();
        Assert.Equal(IntendedAnonymous.Order(), anonymous);
        Assert.Contains(Routes, r => r.IsStaticAsset && r.Anonymous); // the check above must not pass for want of assets
        Assert.All(Routes.Where(r => r.IsStaticAsset), r => Assert.True(r.Anonymous, $"{r} is a static asset that needs a sign-in"));
    }

    [Fact]
    public async Task Every_other_route_refuses_a_stranger_with_401_problem_or_a_login_redirect()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var guarded = Routes.Where(r => !r.Anonymous).ToList();
        Assert.Contains(guarded, r => r.IsApi);
        Assert.Contains(guarded, r => !r.IsApi);
        foreach (var route in guarded)
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url);
            if (route.Method is "POST" or "PUT" or "PATCH") request.Content = Json("{}");
            var response = await client.SendAsync(request, Ct);
            if (route.IsApi)
            {
                var problem = await response.ProblemAsync(401);
                Assert.Contains("API key", problem.Detail());
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route} answered {(int)response.StatusCode}, not a redirect");
                Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
            }
        }
    }

    [Fact]
    public async Task A_viewer_key_is_refused_with_403_problem_on_every_write_agent_and_admin_route()
    {
        var viewer = await app.ClientWithRoleAsync(Roles.Viewer);
        var restricted = Routes.Where(r => r.Policy is Policies.Write or Policies.Agent or Policies.Admin).ToList();
        Assert.True(restricted.Count >= 10, $"only {restricted.Count} restricted routes found");
        foreach (var route in restricted)
        {
            var response = await SendAsync(viewer, route);
            if (route.IsApi)
            {
                var problem = await response.ProblemAsync(403);
                Assert.Contains("role", problem.Detail());
            }
            else
            {
                // Admin-only pages refuse a viewer too; a page answers with the status, not a problem document.
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden
                    || response.Headers.Location?.PathAndQuery.StartsWith("/forbidden", StringComparison.Ordinal) == true,
                    $"{route} answered a viewer with {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task A_viewer_key_reads_every_read_route()
    {
        var viewer = await app.ClientWithRoleAsync(Roles.Viewer);
        foreach (var route in Routes.Where(r => r.Policy == Policies.Read))
        {
            var response = await SendAsync(viewer, route);
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                $"{route} refused a viewer: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task An_admin_key_gets_through_every_route_with_a_role_policy()
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var withPolicy = Routes.Where(r => r.Policy is not null).ToList();
        Assert.Contains(withPolicy, r => r.Policy == Policies.Admin);
        foreach (var route in withPolicy)
        {
            var response = await SendAsync(admin, route);
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.InternalServerError),
                $"{route} answered an admin with {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Agents_may_work_tickets_but_not_manage_keys_and_analysts_may_write_events_but_not_tickets()
    {
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        var analyst = await app.ClientWithRoleAsync(Roles.Analyst);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostAsync("/api/v1/tickets", Json("{}"), Ct)).StatusCode);
        await (await agent.GetAsync("/api/v1/api-keys", Ct)).ProblemAsync(403);
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.PostAsync("/api/v1/events", Json("{}"), Ct)).StatusCode);
        await (await analyst.PostAsync("/api/v1/tickets", Json("{}"), Ct)).ProblemAsync(403);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, AppRoute route)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url);
        if (route.Method is "POST" or "PUT" or "PATCH") request.Content = Json("{}");
        return client.SendAsync(request, Ct);
    }
}

public sealed class RouteAuthorisationOnSqlite(SqliteApp app) : RouteAuthorisationTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class RouteAuthorisationOnPostgres(PostgresApp app) : RouteAuthorisationTests<PostgresApp>(app), IClassFixture<PostgresApp>;
