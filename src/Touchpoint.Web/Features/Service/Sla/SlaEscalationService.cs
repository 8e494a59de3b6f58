using Touchpoint.Data.Service.Sla;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Sla;
using Touchpoint.Web.Features.Service.Workspace;

namespace Touchpoint.Web.Features.Service.Sla;

/// <summary>
/// Fires SLA warnings and breach escalations every <c>Touchpoint:Sla:ScanSeconds</c> (default 60; 0 turns the
/// background pass off, e.g. for tests that drive <see cref="ScanOnceAsync"/> themselves). Everything it knows is in
/// the store (the tickets' histories and the alerts already fired), so a restart resumes without repeating or
/// missing an action; the first pass runs at start to catch up on what came due while the app was down.
/// </summary>
public sealed class SlaEscalationService(TouchpointDbFactory dbs, ServiceClock clock, TicketChangeNotifier notifier, IConfiguration config,
    ILogger<SlaEscalationService> log) : BackgroundService
{
    public TimeSpan Interval => TimeSpan.FromSeconds(int.TryParse(config["Touchpoint:Sla:ScanSeconds"], out var s) ? s : 60);

    /// <summary>One pass at the clock's "now"; tells open pages about every ticket it changed.</summary>
    public async Task<IReadOnlyList<SlaAlertRecord>> ScanOnceAsync(CancellationToken ct)
    {
        var fired = await SlaEscalation.ScanAsync(dbs, clock.Calendar, clock.NowUtc, ct);
        notifier.Notify(fired.Select(f => f.TicketId));
        return fired;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var fired = await ScanOnceAsync(stoppingToken);
                if (fired.Count > 0) log.LogInformation("SLA scan fired {Count} alert(s)", fired.Count);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                // The store may be migrating or briefly away; nothing was half-written (one transaction per alert),
                // and the next pass finds the same owed alerts again.
                log.LogWarning(ex, "SLA scan failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }
}

public static class SlaRegistration
{
    public static IServiceCollection AddSla(this IServiceCollection services)
    {
        services.AddSingleton<SlaEscalationService>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaEscalationService>());
        return services;
    }
}
