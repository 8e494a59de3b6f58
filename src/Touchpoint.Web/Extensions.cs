using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using MudBlazor.Services;
using Touchpoint.Data.Analytics;
using Touchpoint.Data.Demo;
using Touchpoint.Data.Store;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web;

/// <summary>Registers everything the host needs, so Program.cs stays a page long.</summary>
public static class Extensions
{
    /// <summary>Largest request body accepted: a full batch of 10,000 events fits with room to spare.</summary>
    public const long MaxRequestBody = 10 * 1024 * 1024;

    public static WebApplicationBuilder AddTouchpoint(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var store = StoreOptions.From(builder.Configuration["Store:Provider"], builder.Configuration.GetConnectionString("Touchpoint"));
        services.AddSingleton(TimeProvider.System);
        // Cookie and antiforgery keys live beside the data, so sign-ins survive a restart.
        var dataDir = builder.Configuration["Touchpoint:DataDirectory"] is { Length: > 0 } d ? d : "data";
        services.AddDataProtection().SetApplicationName("Touchpoint").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDir, "keys")));
        services.AddTouchpointStore(store);
        services.AddJourneyAnalytics(AnalyticsRegistration.OptionsFrom(builder.Configuration, dataDir));
        services.AddSingleton<DemoLoader>();
        // Sign-in attempts per address and minute (Security:LoginAttemptsPerMinute, default 20): a brake on password
        // guessing; the browser tests, which sign in dozens of times a minute from one address, raise it.
        services.AddTouchpointSecurity(builder.Configuration.GetValue("Security:LoginAttemptsPerMinute", 20));
        Features.Voice.VoiceRegistration.AddVoice(services, builder.Configuration);
        Features.Journeys.JourneyIntakeRegistration.AddJourneyIntake(services, builder.Configuration);

        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBody);
        services.Configure<JsonOptions>(o =>
        {
            // Unknown fields are an error, not silently dropped: a typo in a field name must not lose data.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.MaxDepth = 32;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Touchpoint API";
            doc.Info.Description = "Customer service and customer experience on one timeline. Authenticate with an API key (Authorization: Bearer tp_...).";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddCheck<Startup.StoreHealthCheck>("store", tags: ["ready"]);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddHttpContextAccessor();
        services.AddSingleton<Features.Service.Workspace.ServiceClock>();
        services.AddSingleton<Features.Service.Workspace.TicketChangeNotifier>();
        services.AddSingleton<Features.Service.Workspace.TicketPresence>();
        services.AddSingleton<Features.Service.Workspace.TicketDesk>();
        Features.Service.Sla.SlaRegistration.AddSla(services);
        return builder;
    }
}
