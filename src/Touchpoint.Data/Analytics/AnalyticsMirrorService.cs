using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// Keeps the mirror close to the store in the background (first run after start rebuilds a missing file), so the
/// catch-up a query does before answering is small.
/// </summary>
public sealed class AnalyticsMirrorService(AnalyticsMirror mirror, AnalyticsOptions options, ILogger<AnalyticsMirrorService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await mirror.CatchUpAsync(stoppingToken); }
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
