using DuckDB.NET.Data;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// Keeps each customer's events numbered in time order (then id) in the mirror's timeline table, so a path question
/// takes the few events after each customer's start by number instead of sorting every event after it. The first path
/// question builds the numbering from the whole mirror; later ones first renumber the customers the mirror logged as
/// changed since (<see cref="MirrorTouches"/>: a late event shifts the numbers after it, a merge joins two timelines).
/// Renumbering runs under the mirror's lock, so no catch-up changes events under it.
/// </summary>
public sealed class PathTimeline(AnalyticsMirror mirror)
{
    private const string Numbered = "SELECT customer_id, row_number() OVER (PARTITION BY customer_id ORDER BY ts, id)::INTEGER, ts, type FROM";

    /// <summary>Brings the timeline up to date for a question; returns how: built, refreshed or current.</summary>
    public Task<string> EnsureCurrentAsync(CancellationToken ct) => UpdateAsync(forQuestion: true, ct);

    /// <summary>
    /// Renumbers the changed customers of a timeline that exists (never builds one nobody asked for): the background
    /// catch-up calls it after copying, which keeps the cost of a burst of changes off the next question.
    /// </summary>
    public Task RefreshKeptAsync(CancellationToken ct) => UpdateAsync(forQuestion: false, ct);

    private Task<string> UpdateAsync(bool forQuestion, CancellationToken ct) => mirror.ExclusiveAsync(async duck =>
    {
        var touchSeq = await MirrorTouches.CurrentAsync(duck, ct);
        // Null when the timeline was never built (or the mirror was emptied since).
        var seq = await AnalyticsMirror.StateAsync(duck, "timeline_seq", ct);
        if (seq is null && !forQuestion) return "absent";
        if (seq is not null && forQuestion) await MarkUsedAsync(duck, ct);
        if (seq >= touchSeq) return "current";
        var action = "built";
        await AnalyticsDatabase.InTransactionAsync(duck, async () =>
        {
            if (seq is { } from)
            {
                var touched = await MirrorTouches.CollectAsync(duck, "timeline_touched", from, touchSeq, ct);
                var customers = await AnalyticsDatabase.ScalarAsync(duck, "SELECT count(*) FROM timeline WHERE seq = 1", ct);
                if (!MirrorTouches.CallsForRebuild(touched, customers))
                {
                    await AnalyticsDatabase.ExecuteAsync(duck, $"""
                        DELETE FROM timeline WHERE customer_id IN (SELECT customer_id FROM timeline_touched);
                        INSERT INTO timeline {Numbered} (SELECT * FROM events WHERE customer_id IN (SELECT customer_id FROM timeline_touched));
                        DROP TABLE timeline_touched;
                        """, ct);
                    action = "refreshed";
                }
                else await AnalyticsDatabase.ExecuteAsync(duck, "DROP TABLE timeline_touched", ct);
            }
            if (action == "built")
                await AnalyticsDatabase.ExecuteAsync(duck, $"DELETE FROM timeline; INSERT INTO timeline {Numbered} events;", ct);
            await AnalyticsMirror.SetWatermarkAsync(duck, "timeline_seq", touchSeq, ct);
            if (forQuestion) await MarkUsedAsync(duck, ct);
            await MirrorTouches.PruneAsync(duck, ct);
        }, ct);
        return action;
    }, ct);

    private Task MarkUsedAsync(DuckDBConnection duck, CancellationToken ct) =>
        AnalyticsMirror.SetWatermarkAsync(duck, "timeline_used", new DateTimeOffset(mirror.UtcNow, TimeSpan.Zero).ToUnixTimeSeconds(), ct);

    /// <summary>Forgets the timeline; the next path question builds it again.</summary>
    public static Task DropAsync(DuckDBConnection duck, CancellationToken ct) =>
        AnalyticsDatabase.ExecuteAsync(duck, "DELETE FROM timeline; DELETE FROM mirror_state WHERE name IN ('timeline_seq', 'timeline_used');", ct);
}
