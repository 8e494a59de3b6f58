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
public sealed class RoutingAutomationService(RoutingScheduler scheduler, RoutingScanOptions options, ILogger<RoutingAutomationService> log) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the host serves requests: solves from now on are acted on, older ones are not.
        await scheduler.InitialiseAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ScanSeconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.ScanSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await timer.WaitForNextTickAsync(stoppingToken); }
            catch (OperationCanceledException) { return; }
            try
            {
                var fired = await scheduler.RunOnceAsync(stoppingToken);
                if (fired > 0) log.LogInformation("Routing rules fired {Count} time(s) on solves and time triggers", fired);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                // The store may be briefly away; the next pass starts again from the stored cursor and firings.
                log.LogWarning(ex, "Routing pass failed");
            }
        }
    }
}
