using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using Touchpoint.Web;
using Touchpoint.Web.Components;
using Touchpoint.Web.Features.Account;
using Touchpoint.Web.Features.Customers;
using Touchpoint.Web.Features.Journeys;
using Touchpoint.Web.Features.Overview;
using Touchpoint.Web.Features.Service;
using Touchpoint.Web.Features.Settings;
using Touchpoint.Web.Features.Voice;
using Touchpoint.Web.Security;
using Touchpoint.Web.Startup;

var builder = WebApplication.CreateBuilder(args);
builder.AddTouchpoint();

var app = builder.Build();
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapOpenApi().RequireAuthorization(Policies.Read);
app.MapScalarApiReference("/api", o => o.WithTitle("Touchpoint API")).RequireAuthorization(Policies.Read);
app.MapAccountEndpoints();

var api = app.MapGroup("/api/v1");
api.MapCustomersApi();
api.MapEventsApi();
api.MapJourneysApi();
api.MapTicketsApi();
api.MapSurveysApi();
api.MapOverviewApi();
api.MapUsersApi();
api.MapTeamsApi();
api.MapApiKeysApi();
// Anything else under /api is a 404 problem, not the UI's not-found page.
app.MapFallback("/api/{**path}", () => TypedResults.Problem(statusCode: 404, title: "Not found", detail: "No API route matches this path."));

app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.PrepareStoreAsync();
await app.RunAsync();

/// <summary>Entry point; public so tests can host the app.</summary>
public partial class Program;
