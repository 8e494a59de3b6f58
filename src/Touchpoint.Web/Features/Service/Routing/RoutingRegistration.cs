using Touchpoint.Data.Service.Routing;

namespace Touchpoint.Web.Features.Service.Routing;

/// <summary>Registers the routing scheduler and its background pass (Touchpoint:Routing:ScanSeconds, default 30; 0 = off).</summary>
public static class RoutingRegistration
{
    public static WebApplicationBuilder AddTicketRouting(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RoutingScheduler>();
        builder.Services.AddSingleton(new RoutingScanOptions(builder.Configuration.GetValue("Touchpoint:Routing:ScanSeconds", 30)));
        builder.Services.AddHostedService<RoutingAutomationService>();
        return builder;
    }
}

public sealed record RoutingScanOptions(int ScanSeconds);

/// <summary>
/// Runs <see cref="RoutingScheduler.RunOnceAsync"/> every few seconds: rules on solves and time triggers. Everything
/// it needs (the solve cursor, the firings) is in the store, so a restart resumes without missing or repeating.
/// </summary>
public sealed class RoutingAutomationService(RoutingScheduler scheduler, RoutingScanOptions options, ILogger<RoutingAutomationService> log)
    : Startup.StoredCursorPass(options.ScanSeconds, log)
{
    protected override Task InitialiseAsync(CancellationToken ct) => scheduler.InitialiseAsync(ct);
    protected override Task<int> RunOnceAsync(CancellationToken ct) => scheduler.RunOnceAsync(ct);
    protected override string DoneMessage => "Routing rules fired {Count} time(s) on solves and time triggers";
}
