using System.Net;
using System.Text.RegularExpressions;
using Touchpoint.Domain.Access;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

public abstract partial class ProblemsAndReferenceTests<TApp>(TApp app) where TApp : TouchpointApp
{
    [Theory]
    [InlineData("/api/v1/customers/987654321")]
    [InlineData("/api/v1/customers/987654321/timeline")]
    [InlineData("/api/v1/tickets/987654321")]
    [InlineData("/api/v1/surveys/987654321")]
    [InlineData("/api/v1/responses/987654321")]
    public async Task An_unknown_id_is_a_404_problem(string path)
    {
        var client = await app.ClientWithRoleAsync(Roles.Viewer);
        Assert.Contains("id", (await (await client.GetAsync(path, Ct)).ProblemAsync(404)).Detail());
    }

    [Theory]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/api/v2/customers")]
    [InlineData("/api/nothing")]
    [InlineData("/api/v1/customers/not-a-number")]
    public async Task An_unknown_api_path_is_a_404_problem_even_for_a_browser(string path)
    {
        var client = await app.ClientWithRoleAsync(Roles.Viewer);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        var problem = await (await client.SendAsync(request, Ct)).ProblemAsync(404);
        Assert.Contains("No API route", problem.Detail());
    }

    [Fact]
    public async Task Validation_problems_key_errors_by_the_camel_case_field_name()
    {
        var client = await app.ClientWithRoleAsync(Roles.Agent);
        var problem = await (await client.PostAsync("/api/v1/tickets", Json(new { channel = "pigeon", priority = "whenever" }), Ct)).ProblemAsync(400);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["channel", "customerId", "message", "priority", "subject"], fields);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_api_route_the_app_maps()
    {
        var client = await app.SignedInClientAsync();
        var response = await client.GetAsync("/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.ReadJsonAsync();
        var documented = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {Normalise(p.Name)}"))
            .ToHashSet();
        var mapped = AppRoutes.Of(app).Where(r => r.Pattern.StartsWith("/api/v1/", StringComparison.Ordinal))
            .Select(r => $"{r.Method} {Normalise(r.Pattern)}").ToHashSet();
        Assert.True(mapped.Count >= 25, $"only {mapped.Count} API routes found");
        Assert.Equal(mapped.Order(), documented.Order());
    }

    [Fact]
    public async Task The_api_reference_page_is_shown_to_a_signed_in_user_and_strangers_are_sent_to_login()
    {
        var client = await app.SignedInClientAsync();
        var bare = await client.GetAsync("/api", Ct);
        Assert.True(bare.StatusCode == HttpStatusCode.Redirect, $"/api answered {(int)bare.StatusCode}"); // Scalar's own redirect to /api/
        var page = await client.GetAsync(bare.Headers.Location, Ct);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{bare.Headers.Location} answered {(int)page.StatusCode}");
        Assert.Contains("Touchpoint API", await page.Content.ReadAsStringAsync(Ct));

        var stranger = app.CreateClient(new() { AllowAutoRedirect = false });
        var redirect = await stranger.GetAsync("/api", Ct);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/login", redirect.Headers.Location!.PathAndQuery);
        await (await stranger.GetAsync("/openapi/v1.json", Ct)).ProblemAsync(401);
    }

    /// <summary>"/api/v1/customers/{id:long}/" and "/api/v1/customers/{id}" are the same route.</summary>
    private static string Normalise(string pattern) => RouteConstraint().Replace(pattern, "}").TrimEnd('/');

    [GeneratedRegex(":[^}]+}")]
    private static partial Regex RouteConstraint();
}

public sealed class ProblemsAndReferenceOnSqlite(SqliteApp app) : ProblemsAndReferenceTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ProblemsAndReferenceOnPostgres(PostgresApp app) : ProblemsAndReferenceTests<PostgresApp>(app), IClassFixture<PostgresApp>;
