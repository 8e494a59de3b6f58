using System.Data.Common;
using DuckDB.NET.Data;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// Makes the mirror follow customer merges (<see cref="Customers.CustomerMerge"/>), which move events already copied
/// to another customer_id in the store. The store itself is the merge log: every merged-away profile carries
/// merged_into_id (indexed), always pointing at the final survivor because chains are flattened at merge time. The
/// mirror keeps the pairs it has applied; each catch-up compares them with the store's and moves the events of
/// every new or repointed pair in one set-based UPDATE. Comparison, move and bookkeeping share one DuckDB
/// transaction, so after a crash either all of a catch-up's moves happened or none did and the next one redoes them.
/// </summary>
internal static class MirrorMerges
{
    public static async Task<long> FollowAsync(DuckDBConnection duck, DbConnection store, MirrorTouches? touches, CancellationToken ct)
    {
        await using var cmd = store.CreateCommand();
        cmd.CommandText = "SELECT id, merged_into_id FROM customers WHERE merged_into_id IS NOT NULL";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        long moved = 0;
        await AnalyticsDatabase.InTransactionAsync(duck, async () =>
        {
            await AnalyticsDatabase.ExecuteAsync(duck, "DELETE FROM merge_staging;", ct);
            using (var appender = duck.CreateAppender("merge_staging"))
                while (await reader.ReadAsync(ct))
                    appender.CreateRow().AppendValue(reader.GetInt64(0)).AppendValue(reader.GetInt64(1)).EndRow();
            // Only pairs the mirror has not applied yet (a new merge, or a survivor that was itself merged later).
            await AnalyticsDatabase.ExecuteAsync(duck, """
                CREATE OR REPLACE TEMP TABLE merge_changes AS
                    SELECT s.from_id, s.into_id FROM merge_staging s LEFT JOIN merges m ON m.from_id = s.from_id
                    WHERE m.into_id IS DISTINCT FROM s.into_id;
                """, ct);
            moved = await AnalyticsDatabase.ScalarAsync(duck, "SELECT count(*) FROM merge_changes", ct);
            if (moved > 0)
                await AnalyticsDatabase.ExecuteAsync(duck, """
                    UPDATE events SET customer_id = c.into_id FROM merge_changes c WHERE events.customer_id = c.from_id;
                    UPDATE answers SET customer_id = c.into_id FROM merge_changes c WHERE answers.customer_id = c.from_id;
                    DELETE FROM merges WHERE from_id IN (SELECT from_id FROM merge_changes);
                    INSERT INTO merges SELECT from_id, into_id FROM merge_changes;
                    """, ct);
            if (moved > 0 && touches is not null)
                await touches.AddAsync(duck, "SELECT from_id FROM merge_changes UNION SELECT into_id FROM merge_changes", ct);
            await AnalyticsDatabase.ExecuteAsync(duck, "DELETE FROM merge_staging; DROP TABLE merge_changes;", ct);
        }, ct);
        return moved;
    }
}
