using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// Keeps the mirror close to the store in the background (first run after start rebuilds a missing file), so the
/// catch-up a query does before answering is small. While event batches keep arriving it stands aside (for at most
/// <see cref="MirrorPacing.MaxDeferral"/>): copying rows competes with the intake for the same cores, and a question
/// asked meanwhile still catches the mirror up before it answers, so no answer misses an event. After each catch-up
/// it also brings the rows the mirror keeps for paths, funnels and friction up to date, so questions usually find them current,
/// and it closes the database a question kept open once questions stop (<see cref="AnalyticsDatabase.KeepOpenAsync"/>).
/// </summary>
public sealed class AnalyticsMirrorService(AnalyticsMirror mirror, AnalyticsDatabase database, FrictionFacts friction, PathTimeline timeline, TypeTimes typeTimes, AnalyticsOptions options,
    Ingestion.IntakeWriteGate intake, ILogger<AnalyticsMirrorService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastCatchUp = long.MinValue / 2; // never: the first pass catches up at once
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await database.ReleaseIfIdleAsync(stoppingToken); }
            catch (OperationCanceledException) { return; }
            var now = Environment.TickCount64;
            if (!MirrorPacing.ShouldCatchUp(now - intake.LastEnteredMs, now - lastCatchUp))
            {
                try { await Task.Delay(MirrorPacing.IntakeQuiet, stoppingToken); }
                catch (OperationCanceledException) { return; }
                continue;
            }
            lastCatchUp = now;
            try
            {
                await mirror.CatchUpAsync(stoppingToken);
                await friction.RefreshKeptAsync(stoppingToken);
                await timeline.RefreshKeptAsync(stoppingToken);
                await typeTimes.RefreshKeptAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                // The store may not be migrated yet at start, or briefly unreachable: log, wait, try again.
                log.LogWarning(e, "Analytics mirror catch-up failed; retrying in {Interval}", options.PollInterval);
            }
            try { await Task.Delay(options.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

/// <summary>When the background catch-up gives way to bulk intake.</summary>
public static class MirrorPacing
{
    /// <summary>Intake is "busy" when a batch arrived this recently.</summary>
    public static readonly TimeSpan IntakeQuiet = TimeSpan.FromSeconds(2);

    /// <summary>The longest the background catch-up waits for a busy intake to pause.</summary>
    public static readonly TimeSpan MaxDeferral = TimeSpan.FromSeconds(60);

    public static bool ShouldCatchUp(long msSinceLastBatch, long msSinceLastCatchUp) =>
        msSinceLastBatch >= IntakeQuiet.TotalMilliseconds || msSinceLastCatchUp >= MaxDeferral.TotalMilliseconds;
}
