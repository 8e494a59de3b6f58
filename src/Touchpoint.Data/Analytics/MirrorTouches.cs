using DuckDB.NET.Data;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// The customers one catch-up changed in the mirror (events copied, answers copied, merges applied), written to
/// mirror_touched under the catch-up's number (seq) in the same transaction as the change itself, so a crash loses
/// neither. What the mirror keeps derived from events (friction rows, <see cref="FrictionFacts"/>; the tables of
/// <see cref="KeptCustomerTable"/>) recomputes exactly these customers, each remembering the seq it has taken in.
/// Nothing is logged while nothing derived is kept: it is then built from the whole mirror, under the catch-ups' lock.
/// </summary>
internal sealed class MirrorTouches
{
    private MirrorTouches(long seq) => Seq = seq;

    public long Seq { get; }

    /// <summary>The log for one catch-up, or null when nothing kept (friction set or kept table) would read it.</summary>
    public static async Task<MirrorTouches?> BeginAsync(DuckDBConnection duck, CancellationToken ct)
    {
        await using var cmd = duck.CreateCommand();
        cmd.CommandText = $"SELECT (SELECT count(*) FROM friction_sets) + (SELECT count(*) FROM mirror_state WHERE name IN ({KeptStates("_seq")})), (SELECT value FROM mirror_state WHERE name = 'touch_seq')";
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        if (r.GetInt64(0) == 0) return null;
        return new MirrorTouches((r.IsDBNull(1) ? 0 : r.GetInt64(1)) + 1);
    }

    /// <summary>Logs <paramref name="customers"/>; call inside the transaction that changed them.</summary>
    public async Task AddAsync(DuckDBConnection duck, IEnumerable<long> customers, CancellationToken ct)
    {
        var any = false;
        using (var appender = duck.CreateAppender("mirror_touched"))
            foreach (var c in customers)
            {
                appender.CreateRow().AppendValue(Seq).AppendValue(c).EndRow();
                any = true;
            }
        if (any) await MarkAsync(duck, ct);
    }

    /// <summary>Logs the customers a query selects (one column); call inside the transaction that changed them.</summary>
    public async Task AddAsync(DuckDBConnection duck, string customersSql, CancellationToken ct)
    {
        await AnalyticsDatabase.ExecuteAsync(duck, $"INSERT INTO mirror_touched SELECT DISTINCT {Seq}, c FROM ({customersSql}) t(c)", ct);
        await MarkAsync(duck, ct);
    }

    /// <summary>Kept rows nobody asked for this long are dropped, so an unused set does not keep the change log growing.</summary>
    public static readonly TimeSpan KeepUnused = TimeSpan.FromDays(7);

    /// <summary>
    /// Drops friction sets and kept tables unused for <see cref="KeepUnused"/> (they are built again when next asked
    /// for), then the log entries nothing reads any more. Called by every catch-up; costs one small read when nothing is stale.
    /// </summary>
    public static async Task ForgetUnusedAsync(DuckDBConnection duck, DateTime nowUtc, CancellationToken ct)
    {
        var cutoff = nowUtc - KeepUnused;
        var staleSets = $"SELECT id FROM friction_sets WHERE used_at < TIMESTAMP '{cutoff:yyyy-MM-dd HH:mm:ss}'";
        var sets = false;
        var tables = new List<string>();
        await using (var cmd = duck.CreateCommand())
        {
            cmd.CommandText = $"""
                SELECT * FROM (SELECT 'friction_sets' FROM ({staleSets}) LIMIT 1)
                UNION ALL SELECT replace(name, '_used', '') FROM mirror_state
                WHERE name IN ({KeptStates("_used")}) AND value < {new DateTimeOffset(cutoff, TimeSpan.Zero).ToUnixTimeSeconds()}
                """;
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                if (r.GetString(0) == "friction_sets") sets = true; else tables.Add(r.GetString(0));
        }
        if (!sets && tables.Count == 0) return;
        await AnalyticsDatabase.InTransactionAsync(duck, async () =>
        {
            if (sets) await FrictionFacts.DropSetsAsync(duck, staleSets, ct);
            foreach (var table in tables) await KeptCustomerTable.DropAsync(duck, table, ct);
            await PruneAsync(duck, ct);
        }, ct);
    }

    /// <summary>The state names of every kept table with <paramref name="suffix"/>, quoted for an IN list.</summary>
    private static string KeptStates(string suffix) => string.Join(", ", KeptCustomerTable.Names.Select(n => $"'{n}{suffix}'"));

    /// <summary>Past this share of the customers changed, one whole build beats deleting and re-inserting them...</summary>
    private const double RebuildShare = 0.25;

    /// <summary>...but below this many changed customers rows are always recomputed in place (a whole build is no cheaper on a small store).</summary>
    private const int RebuildAtLeast = 1_000;

    /// <summary>Whether <paramref name="changed"/> of <paramref name="customers"/> customers call for a whole build.</summary>
    public static bool CallsForRebuild(long changed, long customers) => changed > Math.Max(RebuildShare * customers, RebuildAtLeast);

    /// <summary>
    /// Writes the distinct customers logged after <paramref name="fromSeq"/> up to <paramref name="toSeq"/> to the temporary
    /// table <paramref name="table"/> (one column, customer_id) and returns how many there are.
    /// </summary>
    public static async Task<long> CollectAsync(DuckDBConnection duck, string table, long fromSeq, long toSeq, CancellationToken ct)
    {
        await AnalyticsDatabase.ExecuteAsync(duck,
            $"CREATE OR REPLACE TEMP TABLE {table} AS SELECT DISTINCT customer_id FROM mirror_touched WHERE seq > {fromSeq} AND seq <= {toSeq}", ct);
        return await AnalyticsDatabase.ScalarAsync(duck, $"SELECT count(*) FROM {table}", ct);
    }

    /// <summary>The seq of the last catch-up that logged anything.</summary>
    public static Task<long> CurrentAsync(DuckDBConnection duck, CancellationToken ct) => AnalyticsMirror.WatermarkAsync(duck, "touch_seq", ct);

    /// <summary>Forgets logged changes that everything kept has taken in (all of them when nothing is kept).</summary>
    public static Task PruneAsync(DuckDBConnection duck, CancellationToken ct) => AnalyticsDatabase.ExecuteAsync(duck, $"""
        DELETE FROM mirror_touched WHERE seq <= (SELECT coalesce(min(seq), 9223372036854775807) FROM (
            SELECT seq FROM friction_sets UNION ALL SELECT value FROM mirror_state WHERE name IN ({KeptStates("_seq")})));
        """, ct);

    private Task MarkAsync(DuckDBConnection duck, CancellationToken ct) => AnalyticsMirror.SetWatermarkAsync(duck, "touch_seq", Seq, ct);
}
