using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Touchpoint.Web;
using Touchpoint.Web.Api;
using Touchpoint.Web.Components;
using Touchpoint.Web.Features.Account;
using Touchpoint.Web.Features.Customers;
using Touchpoint.Web.Features.Journeys;
using Touchpoint.Web.Features.Journeys.Consistency;
using Touchpoint.Web.Features.Journeys.Friction;
using Touchpoint.Web.Features.Journeys.Maps;
using Touchpoint.Web.Features.Journeys.Snippet;
using Touchpoint.Web.Features.Journeys.Webhooks;
using Touchpoint.Web.Features.Overview;
using Touchpoint.Web.Features.Service;
using Touchpoint.Web.Features.Service.Sla;
using Touchpoint.Web.Features.Service.Views;
using Touchpoint.Web.Features.Service.Channels;
using Touchpoint.Web.Features.Service.Routing;
using Touchpoint.Web.Features.Settings;
using Touchpoint.Web.Features.Voice;
using Touchpoint.Web.Security;
using Touchpoint.Web.Startup;

var builder = WebApplication.CreateBuilder(args);
builder.AddTouchpoint();
builder.AddChannels();
builder.AddTicketRouting();

var app = builder.Build();
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseApiStatusCodePages();
app.UseSecurityHeaders();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapApiReference();
app.MapAccountEndpoints();
Touchpoint.Web.Features.Voice.Public.PublicSurveyEndpoints.MapPublicSurveys(app);
Touchpoint.Web.Features.Voice.Public.SurveyWidgetEndpoints.MapSurveyWidget(app);
Touchpoint.Web.Features.Voice.Public.OutreachUnsubscribeEndpoints.MapOutreachUnsubscribe(app);
app.MapChannelPages();

var api = app.MapGroup("/api/v1");
api.MapCustomersApi();
api.MapEventsApi();
api.MapCollectApi();
api.MapSiteKeysApi();
api.MapEventWebhooksApi();
api.MapEventWebhookSourcesApi();
api.MapJourneysApi();
api.MapJourneyDefinitionsApi();
api.MapFrictionApi();
api.MapConsistencyApi();
api.MapTicketsApi();
api.MapMacrosApi();
api.MapCustomFieldsApi();
api.MapTicketViewsApi();
api.MapSurveysApi();
api.MapDistributionApi();
api.MapVoiceAnalyticsApi();
api.MapOutreachApi();
api.MapNotesApi();
api.MapOverviewApi();
api.MapServiceMetricsApi();
api.MapSlaPoliciesApi();
api.MapSlaAlertsApi();
api.MapUsersApi();
api.MapTeamsApi();
api.MapApiKeysApi();
api.MapChannelsApi();
api.MapRoutingRulesApi();
api.MapAgentRoutingApi();
// No catch-all for /api: it would also win over routing's own 405 and 415 answers. An unknown path ends as a bare
// 404, which ApiStatusCodePages turns into a problem document.

// Blazor would add its own "frame-ancestors 'self'" CSP, which then stands in for the stricter full policy of
// SecurityHeaders (that one already forbids framing).
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

await app.PrepareStoreAsync();
await app.RunAsync();

/// <summary>Entry point; public so tests can host the app.</summary>
public partial class Program;
