using DuckDB.NET.Data;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// A table the mirror keeps derived from each customer's events (<see cref="PathTimeline"/>, <see cref="TypeTimes"/>),
/// so questions read it instead of deriving it from every event each time. The first question that needs it builds it
/// from the whole mirror; later ones first recompute the customers the mirror logged as changed since
/// (<see cref="MirrorTouches"/>: a late event, a completed answer, a merge). Its state lives in mirror_state as
/// {Name}_seq (the change log it has taken in), {Name}_used (when a question last read it), {Name}_customers (how
/// many customers it held when built) and {Name}_recomputed (customers recomputed since): a refresh that would take
/// the recomputed past the rebuild share (<see cref="MirrorTouches.CallsForRebuild"/>) rebuilds the table instead. Builds and refreshes
/// run under the mirror's lock, so no catch-up changes events under them.
/// </summary>
public abstract class KeptCustomerTable(AnalyticsMirror mirror)
{
    /// <summary>Every kept table, by name: the change log is written while any of them exists.</summary>
    public static readonly IReadOnlyList<string> Names = [PathTimeline.TableName, TypeTimes.TableName];

    /// <summary>The table, also the prefix of its state names.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The statements that insert the rows of the customers whose events <paramref name="eventsWhere"/> selects (a WHERE
    /// clause over events, or "" for all); <paramref name="events"/> is about how many events that is.
    /// </summary>
    protected abstract string Fill(string eventsWhere, long events);

    /// <summary>Brings the table up to date for a question; returns how: built, refreshed or current.</summary>
    public Task<string> EnsureCurrentAsync(CancellationToken ct) => UpdateAsync(forQuestion: true, ct);

    /// <summary>
    /// Recomputes the changed customers of a table that exists (never builds one nobody asked for): the background
    /// catch-up calls it after copying, which keeps the cost of a burst of changes off the next question.
    /// </summary>
    public Task RefreshKeptAsync(CancellationToken ct) => UpdateAsync(forQuestion: false, ct);

    private Task<string> UpdateAsync(bool forQuestion, CancellationToken ct) => mirror.ExclusiveAsync(async duck =>
    {
        var touchSeq = await MirrorTouches.CurrentAsync(duck, ct);
        // Null when the table was never built (or the mirror was emptied since).
        var seq = await AnalyticsMirror.StateAsync(duck, Name + "_seq", ct);
        if (seq is null && !forQuestion) return "absent";
        // A question keeps the table from the unused sweep: an existing one is stamped here, a new one with its build.
        if (seq is not null && forQuestion && await UseIsStaleAsync(duck, ct)) await MarkUsedAsync(duck, ct);
        if (seq >= touchSeq) return "current";
        var action = "built";
        await AnalyticsDatabase.InTransactionAsync(duck, async () =>
        {
            var touchedTable = Name + "_touched";
            var events = await AnalyticsDatabase.ScalarAsync(duck, "SELECT count(*) FROM events", ct);
            if (seq is { } from)
            {
                var touched = await MirrorTouches.CollectAsync(duck, touchedTable, from, touchSeq, ct);
                // Counted when the table was built; customers that appeared since are few beside it, or they rebuild it.
                var customers = Math.Max(1, await AnalyticsMirror.StateAsync(duck, Name + "_customers", ct) ?? 0);
                // Refreshes leave deleted rows behind and append the new ones out of the build's order (by type, for
                // the per-type times), so the customers recomputed since the build count towards a rebuild too.
                var recomputed = (await AnalyticsMirror.StateAsync(duck, Name + "_recomputed", ct) ?? 0) + touched;
                if (!MirrorTouches.CallsForRebuild(recomputed, customers))
                {
                    await AnalyticsDatabase.ExecuteAsync(duck, $"""
                        DELETE FROM {Name} WHERE customer_id IN (SELECT customer_id FROM {touchedTable});
                        {Fill($"WHERE customer_id IN (SELECT customer_id FROM {touchedTable})", touched * events / customers)}
                        """, ct);
                    await AnalyticsMirror.SetWatermarkAsync(duck, Name + "_recomputed", recomputed, ct);
                    action = "refreshed";
                }
                await AnalyticsDatabase.ExecuteAsync(duck, $"DROP TABLE {touchedTable}", ct);
            }
            if (action == "built")
            {
                await AnalyticsDatabase.ExecuteAsync(duck, $"DELETE FROM {Name}; {Fill("", events)}", ct);
                await AnalyticsMirror.SetWatermarkAsync(duck, Name + "_customers", await AnalyticsDatabase.ScalarAsync(duck, $"SELECT count(DISTINCT customer_id) FROM {Name}", ct), ct);
                await AnalyticsMirror.SetWatermarkAsync(duck, Name + "_recomputed", 0, ct);
            }
            await AnalyticsMirror.SetWatermarkAsync(duck, Name + "_seq", touchSeq, ct);
            if (forQuestion && seq is null) await MarkUsedAsync(duck, ct);
            await MirrorTouches.PruneAsync(duck, ct);
        }, ct);
        return action;
    }, ct);

    /// <summary>The last-used stamp only needs to be right to the day, so a question writes it at most hourly.</summary>
    private async Task<bool> UseIsStaleAsync(DuckDBConnection duck, CancellationToken ct) =>
        await AnalyticsMirror.StateAsync(duck, Name + "_used", ct) is not { } used || used < NowSeconds - 3600;

    private Task MarkUsedAsync(DuckDBConnection duck, CancellationToken ct) => AnalyticsMirror.SetWatermarkAsync(duck, Name + "_used", NowSeconds, ct);

    /// <summary>The mirror's clock in Unix seconds, as the stamps are kept.</summary>
    private long NowSeconds => new DateTimeOffset(mirror.UtcNow, TimeSpan.Zero).ToUnixTimeSeconds();

    /// <summary>Forgets the kept table <paramref name="name"/>; the next question that needs it builds it again.</summary>
    public static Task DropAsync(DuckDBConnection duck, string name, CancellationToken ct) =>
        AnalyticsDatabase.ExecuteAsync(duck, $"DELETE FROM {name}; DELETE FROM mirror_state WHERE name IN ('{name}_seq', '{name}_used', '{name}_customers', '{name}_recomputed');", ct);
}
