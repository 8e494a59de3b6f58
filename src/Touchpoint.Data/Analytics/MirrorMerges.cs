using System.Data.Common;
using DuckDB.NET.Data;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// Makes the mirror follow customer merges (<see cref="Customers.CustomerMerge"/>), which move events already copied
/// to another customer_id in the store. The store logs each merge (customer_merges, in id order), and a merged-away
/// profile's merged_into_id always names the final survivor, because chains are flattened at merge time. Each
/// catch-up reads the log after the id it last read, joined to the profiles for their survivors, and moves the events
/// and answers of each merged profile to its survivor in one set-based UPDATE. A chain needs no order: the events of
/// a profile merged earlier already sit under the one merged now, and move with them.
/// <para>
/// The last minutes of the log are read again (<see cref="AnalyticsMirror.GapPatience"/>): a merge whose transaction
/// took an id before a later one but committed after it would otherwise be skipped. The ids read last time are kept
/// (merge_log_applied), so a merge read again is not applied twice. Reading, moving and bookkeeping share one DuckDB
/// transaction, so after a crash either all of a catch-up's moves happened or none did and the next one redoes them.
/// With nothing new the cost is one indexed read of the store and no write to the mirror.
/// </para>
/// </summary>
internal static class MirrorMerges
{
    public static async Task<long> FollowAsync(DuckDBConnection duck, DbConnection store, MirrorTouches? touches, DateTime nowUtc, CancellationToken ct)
    {
        var watermark = await AnalyticsMirror.WatermarkAsync(duck, "merge_log", ct);
        var merges = new List<(long Id, long FromId, long IntoId)>();
        await using (var cmd = store.CreateCommand())
        {
            cmd.CommandText = """
                SELECT m.id, m.from_id, c.merged_into_id FROM customer_merges m JOIN customers c ON c.id = m.from_id
                WHERE m.id IN (SELECT id FROM customer_merges WHERE id > @after UNION SELECT id FROM customer_merges WHERE merged_at_utc >= @recent)
                  AND c.merged_into_id IS NOT NULL ORDER BY m.id
                """;
            // The two conditions as a union of ids, so each is an index search: with OR, SQLite scanned the whole log.
            AddParameter(cmd, "@after", watermark);
            AddParameter(cmd, "@recent", DateTime.SpecifyKind(nowUtc - AnalyticsMirror.GapPatience, DateTimeKind.Utc));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) merges.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
        }
        if (merges.Count == 0) return 0;
        long moved = 0;
        await AnalyticsDatabase.InTransactionAsync(duck, async () =>
        {
            using (var appender = duck.CreateAppender("merge_log_staging"))
                foreach (var m in merges) appender.CreateRow().AppendValue(m.Id).AppendValue(m.FromId).AppendValue(m.IntoId).EndRow();
            await AnalyticsDatabase.ExecuteAsync(duck, """
                CREATE OR REPLACE TEMP TABLE merge_changes AS
                    SELECT DISTINCT s.from_id, s.into_id FROM merge_log_staging s ANTI JOIN merge_log_applied a ON a.id = s.id;
                """, ct);
            moved = await AnalyticsDatabase.ScalarAsync(duck, "SELECT count(*) FROM merge_changes", ct);
            if (moved > 0)
            {
                await AnalyticsDatabase.ExecuteAsync(duck, """
                    UPDATE events SET customer_id = c.into_id FROM merge_changes c WHERE events.customer_id = c.from_id;
                    UPDATE answers SET customer_id = c.into_id FROM merge_changes c WHERE answers.customer_id = c.from_id;
                    """, ct);
                if (touches is not null)
                    await touches.AddAsync(duck, "SELECT from_id FROM merge_changes UNION SELECT into_id FROM merge_changes", ct);
            }
            // Only what was read now can be read again (the recent minutes, or later); older merges never come back.
            await AnalyticsDatabase.ExecuteAsync(duck, """
                DELETE FROM merge_log_applied; INSERT INTO merge_log_applied SELECT id FROM merge_log_staging;
                DELETE FROM merge_log_staging; DROP TABLE merge_changes;
                """, ct);
            await AnalyticsMirror.SetWatermarkAsync(duck, "merge_log", Math.Max(watermark, merges[^1].Id), ct);
        }, ct);
        return moved;
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
