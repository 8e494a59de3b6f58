using System.Net;
using Touchpoint.Testing;

namespace Touchpoint.Web.Tests;

public abstract class HealthAndLoginTests<TApp>(TApp app) where TApp : TouchpointApp
{
    [Fact]
    public async Task Health_endpoints_answer_without_signing_in()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
        var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_admin_signs_in_with_the_configured_password_and_sees_the_overview()
    {
        var client = await app.SignedInClientAsync();
        var overview = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("Overview", await overview.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Pages_redirect_strangers_to_the_login_page()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/customers", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
    }
}

public sealed class HealthAndLoginOnSqlite(SqliteApp app) : HealthAndLoginTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class HealthAndLoginOnPostgres(PostgresApp app) : HealthAndLoginTests<PostgresApp>(app), IClassFixture<PostgresApp>;
