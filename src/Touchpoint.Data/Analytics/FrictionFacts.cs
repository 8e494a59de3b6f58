using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Touchpoint.Domain.Journeys.Friction;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// Keeps friction exposure rows (<see cref="DuckDbFrictionSql.Rows"/>) in the mirror, one set per distinct condition
/// set and revenue window (a journey version, in practice), so a report aggregates stored rows instead of re-grouping
/// every event. The first report of a set builds it from the whole mirror; later ones first recompute the customers
/// the mirror logged as changed since (<see cref="MirrorTouches"/>: new or late events, answers, merges). That is exact
/// because each row depends on its own customer's events and answers only; what depends on the whole store (its last
/// event, hence the churn and revenue cut-offs) is applied when aggregating. Builds, refreshes and the aggregate run
/// under the mirror's lock, so no catch-up changes the tables under them. At most <see cref="MaxSets"/> sets are kept;
/// the least recently used goes first.
/// </summary>
public sealed class FrictionFacts(AnalyticsMirror mirror)
{
    public const int MaxSets = 4;

    /// <summary>
    /// Brings the set of these conditions up to date and hands the aggregate's reader to <paramref name="read"/>.
    /// Returns how it found the set: built, refreshed (its changed customers recomputed) or current.
    /// </summary>
    public Task<string> ReadAsync(IReadOnlyList<FrictionCondition> conditions, FrictionOptions options, Func<DbDataReader, Task> read, CancellationToken ct) =>
        mirror.ExclusiveAsync(async duck =>
        {
            var (setId, action) = await PrepareAsync(duck, conditions, options, mirror.UtcNow, ct);
            var sql = new DuckDbFrictionSql(conditions, options).Aggregate($"SELECT {DuckDbFrictionSql.RowNames} FROM friction_rows WHERE set_id = {setId}");
            await using var cmd = duck.CreateCommand();
            cmd.CommandText = sql;
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await read(r);
            return action;
        }, ct);

    /// <summary>
    /// Recomputes the changed customers of every kept set, so the next report finds its rows current. The background
    /// catch-up calls it after copying, which keeps the cost of a burst of changes off the next question.
    /// </summary>
    public Task RefreshKeptAsync(CancellationToken ct) => mirror.ExclusiveAsync(async duck =>
    {
        var touchSeq = await MirrorTouches.CurrentAsync(duck, ct);
        var stale = new List<KeptSet>();
        await using (var cmd = duck.CreateCommand())
        {
            cmd.CommandText = $"SELECT id, seq, rows_sql, params FROM friction_sets WHERE seq < {touchSeq} ORDER BY id";
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) stale.Add(new KeptSet(r.GetInt32(0), r.GetInt64(1), r.GetString(2), Values(r.GetString(3))));
        }
        foreach (var set in stale) await RefreshAsync(duck, set, touchSeq, null, ct);
        return stale.Count;
    }, ct);

    /// <summary>A kept set: its rows query with <see cref="EventsSource"/> and <see cref="AnswersSource"/> standing for its inputs, and its values.</summary>
    private sealed record KeptSet(int Id, long Seq, string RowsSql, IReadOnlyList<object> Parameters)
    {
        public string Over(string events, string answers) =>
            RowsSql.Replace(EventsSource, events, StringComparison.Ordinal).Replace(AnswersSource, answers, StringComparison.Ordinal);
    }

    private const string EventsSource = "__friction_events_source__";
    private const string AnswersSource = "__friction_answers_source__";

    private static async Task<(int SetId, string Action)> PrepareAsync(DuckDBConnection duck, IReadOnlyList<FrictionCondition> conditions, FrictionOptions options,
        DateTime nowUtc, CancellationToken ct)
    {
        var sql = new DuckDbFrictionSql(conditions, options);
        var set = new KeptSet(0, 0, sql.Rows(EventsSource, AnswersSource), sql.Parameters);
        var key = Key(set.RowsSql, set.Parameters);
        var touchSeq = await MirrorTouches.CurrentAsync(duck, ct);
        var now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Unspecified);
        var (setId, seq) = await FindAsync(duck, key, ct);
        if (setId is null)
        {
            setId = await NextIdAsync(duck, ct);
            await AnalyticsDatabase.InTransactionAsync(duck, async () =>
            {
                await EvictAsync(duck, ct);
                await AnalyticsDatabase.ExecuteAsync(duck, "INSERT INTO friction_sets VALUES ($p0, $p1, $p2, $p3, $p4, $p5)",
                    [setId.Value, key, touchSeq, now, set.RowsSql, JsonSerializer.Serialize(set.Parameters.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)))], ct);
                await AnalyticsDatabase.ExecuteAsync(duck, $"INSERT INTO friction_rows SELECT {setId}, * FROM ({set.Over("events", "answers")})", set.Parameters, ct);
                await MirrorTouches.PruneAsync(duck, ct);
            }, ct);
            return (setId.Value, "built");
        }
        if (seq >= touchSeq)
        {
            await AnalyticsDatabase.ExecuteAsync(duck, "UPDATE friction_sets SET used_at = $p0 WHERE id = $p1", [now, setId.Value], ct);
            return (setId.Value, "current");
        }
        await RefreshAsync(duck, set with { Id = setId.Value, Seq = seq }, touchSeq, now, ct);
        return (setId.Value, "refreshed");
    }

    /// <summary>Recomputes the customers logged since the set's seq (or the whole set, when many changed); marks it used when <paramref name="usedAt"/> is given.</summary>
    private static Task RefreshAsync(DuckDBConnection duck, KeptSet set, long touchSeq, DateTime? usedAt, CancellationToken ct) =>
        AnalyticsDatabase.InTransactionAsync(duck, async () =>
        {
            var touched = await MirrorTouches.CollectAsync(duck, "friction_touched", set.Seq, touchSeq, ct);
            var customers = await AnalyticsDatabase.ScalarAsync(duck, $"SELECT count(*) FROM friction_rows WHERE set_id = {set.Id} AND k = {DuckDbFrictionSql.PresenceRow}", ct);
            if (MirrorTouches.CallsForRebuild(touched, customers))
            {
                await AnalyticsDatabase.ExecuteAsync(duck, $"DELETE FROM friction_rows WHERE set_id = {set.Id}", ct);
                await AnalyticsDatabase.ExecuteAsync(duck, $"INSERT INTO friction_rows SELECT {set.Id}, * FROM ({set.Over("events", "answers")})", set.Parameters, ct);
            }
            else
            {
                // One scan picks the changed customers' events and answers; the rows query then reads only those.
                await AnalyticsDatabase.ExecuteAsync(duck, """
                    CREATE OR REPLACE TEMP TABLE friction_events AS SELECT * FROM events WHERE customer_id IN (SELECT customer_id FROM friction_touched);
                    CREATE OR REPLACE TEMP TABLE friction_answers AS SELECT * FROM answers WHERE customer_id IN (SELECT customer_id FROM friction_touched);
                    """, ct);
                await AnalyticsDatabase.ExecuteAsync(duck, $"DELETE FROM friction_rows WHERE set_id = {set.Id} AND customer_id IN (SELECT customer_id FROM friction_touched)", ct);
                await AnalyticsDatabase.ExecuteAsync(duck, $"INSERT INTO friction_rows SELECT {set.Id}, * FROM ({set.Over("friction_events", "friction_answers")})", set.Parameters, ct);
                await AnalyticsDatabase.ExecuteAsync(duck, "DROP TABLE friction_events; DROP TABLE friction_answers;", ct);
            }
            await AnalyticsDatabase.ExecuteAsync(duck, "DROP TABLE friction_touched", ct);
            await AnalyticsDatabase.ExecuteAsync(duck, $"UPDATE friction_sets SET seq = {touchSeq} WHERE id = {set.Id}", ct);
            if (usedAt is { } used) await AnalyticsDatabase.ExecuteAsync(duck, "UPDATE friction_sets SET used_at = $p0 WHERE id = $p1", [used, set.Id], ct);
            await MirrorTouches.PruneAsync(duck, ct);
        }, ct);

    private static IReadOnlyList<object> Values(string json) => JsonSerializer.Deserialize<List<string>>(json)!.Cast<object>().ToList();

    /// <summary>The set's identity: its rows query and parameters, which carry every condition and the revenue window.</summary>
    private static string Key(string sql, IReadOnlyList<object> parameters)
    {
        var text = sql + "\n" + string.Join("\n", parameters.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static async Task<(int? Id, long Seq)> FindAsync(DuckDBConnection duck, string key, CancellationToken ct)
    {
        await using var cmd = duck.CreateCommand();
        cmd.CommandText = "SELECT id, seq FROM friction_sets WHERE key = $p0";
        cmd.Parameters.Add(new DuckDBParameter("p0", key));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetInt32(0), r.GetInt64(1)) : (null, 0);
    }

    private static async Task<int> NextIdAsync(DuckDBConnection duck, CancellationToken ct) =>
        (int)await AnalyticsDatabase.ScalarAsync(duck, "SELECT coalesce(max(id), 0) + 1 FROM friction_sets", ct);

    /// <summary>Makes room for one more set by dropping the least recently used beyond <see cref="MaxSets"/> - 1.</summary>
    private static Task EvictAsync(DuckDBConnection duck, CancellationToken ct) =>
        DropSetsAsync(duck, $"SELECT id FROM friction_sets ORDER BY used_at DESC, id DESC OFFSET {MaxSets - 1}", ct);

    /// <summary>Drops the sets whose ids <paramref name="idsSql"/> selects, with their rows.</summary>
    public static Task DropSetsAsync(DuckDBConnection duck, string idsSql, CancellationToken ct) => AnalyticsDatabase.ExecuteAsync(duck, $"""
        CREATE OR REPLACE TEMP TABLE friction_dropped AS {idsSql};
        DELETE FROM friction_rows WHERE set_id IN (SELECT id FROM friction_dropped);
        DELETE FROM friction_sets WHERE id IN (SELECT id FROM friction_dropped);
        DROP TABLE friction_dropped;
        """, ct);
}
