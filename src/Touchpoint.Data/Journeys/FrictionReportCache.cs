using System.Collections.Concurrent;
using Touchpoint.Data.Analytics;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys.Friction;

namespace Touchpoint.Data.Journeys;

/// <summary>A friction report and when it was computed, for pages that say how fresh it is.</summary>
public sealed record CachedFrictionReport(FrictionReportResult? Report, DateTimeOffset ComputedAt);

/// <summary>
/// Friction over a big store takes seconds (docs/benchmarks.md), and pages ask for it on every view: the journey map
/// and the friction page, each twice when Blazor prerenders. Pages accept a report up to a few minutes old and say
/// when it was computed, as product analytics tools do with their cached insights; the API and CLI ask for a fresh
/// one (max age 0) unless told otherwise. Concurrent askers of the same report share one computation, and a
/// journey edited since (new version) is never served from the cache.
/// </summary>
public sealed class FrictionReportCache(TouchpointDbFactory stores, IJourneyAnalytics engine, TimeProvider clock)
{
    /// <summary>How old a report pages accept before computing again.</summary>
    public static readonly TimeSpan PageMaxAge = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(long? Journey, FrictionOptions Options), Task<CachedFrictionReport>> _entries = new();

    public async Task<CachedFrictionReport> GetAsync(long? journeyId, FrictionOptions options, TimeSpan maxAge, CancellationToken ct)
    {
        var key = (journeyId, options);
        if (_entries.TryGetValue(key, out var cached))
        {
            var entry = await AwaitAsync(key, cached, ct);
            if (clock.GetUtcNow() - entry.ComputedAt <= maxAge && await IsCurrentAsync(entry, ct)) return entry;
        }
        var fresh = ComputeAsync(journeyId, options);
        _entries[key] = fresh;
        return await AwaitAsync(key, fresh, ct);
    }

    private async Task<CachedFrictionReport> AwaitAsync((long?, FrictionOptions) key, Task<CachedFrictionReport> task, CancellationToken ct)
    {
        try { return await task.WaitAsync(ct); }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            _entries.TryRemove(KeyValuePair.Create(key, task)); // a failed computation is not kept
            throw;
        }
    }

    private async Task<CachedFrictionReport> ComputeAsync(long? journeyId, FrictionOptions options)
    {
        // Not the asker's token: other askers may be waiting for the same computation.
        await using var db = stores.Create();
        var at = clock.GetUtcNow();
        var report = await FrictionReport.RunAsync(db, engine, journeyId, options, CancellationToken.None);
        return new CachedFrictionReport(report, at);
    }

    private async Task<bool> IsCurrentAsync(CachedFrictionReport entry, CancellationToken ct)
    {
        await using var db = stores.Create();
        var journeys = await JourneyCatalog.ListAsync(db, ct);
        return entry.Report is { } r ? journeys.Any(j => j.Id == r.JourneyId && j.Version == r.Version) : journeys.Count == 0;
    }
}
