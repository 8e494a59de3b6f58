using System.Data.Common;
using DuckDB.NET.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Touchpoint.Data.Store;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// Keeps the DuckDB mirror in step with touchpoint_events by following ids, not times, so late and out-of-order
/// events are copied like any other. Each batch of rows is appended in the same DuckDB transaction that moves the
/// watermark, so after a crash the mirror holds exactly the rows up to its watermark and simply resumes. A missing
/// or foreign file (watermark beyond the store's last id, or an older schema) is rebuilt from the store.
/// </summary>
public sealed class AnalyticsMirror(AnalyticsDatabase database, AnalyticsOptions options, StoreOptions storeOptions, TouchpointDbFactory stores,
    TimeProvider clock, ILogger<AnalyticsMirror> log)
{
    /// <summary>
    /// PostgreSQL hands out ids when a transaction starts writing but they become visible when it commits, so a
    /// lower id can appear after a higher one was copied. Ids skipped over are re-checked for this long, then taken
    /// for ids of rolled-back or duplicate inserts. SQLite writes one transaction at a time and leaves no such gaps.
    /// </summary>
    public static readonly TimeSpan GapPatience = TimeSpan.FromMinutes(2);

    private const int MaxGapsTracked = 50_000;

    /// <summary>The mirror's clock, which also stamps when kept rows were last used (<see cref="MirrorTouches.ForgetUnusedAsync"/>).</summary>
    internal DateTime UtcNow => clock.GetUtcNow().UtcDateTime;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _schemaReady;

    /// <summary>Copies everything the store holds beyond the watermark; cheap when the mirror is nearly current.</summary>
    public async Task<long> CatchUpAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var duck = await database.OpenAsync(ct);
            await using var db = stores.Create();
            var store = db.Database.GetDbConnection();
            if (store.State != System.Data.ConnectionState.Open) await store.OpenAsync(ct);
            var storeMax = await AnalyticsDatabase.ScalarAsync(store, "SELECT COALESCE(MAX(id), 0) FROM touchpoint_events", ct);
            await EnsureSchemaAsync(duck, storeMax, ct);
            await MirrorTouches.ForgetUnusedAsync(duck, UtcNow, ct);
            var touches = await MirrorTouches.BeginAsync(duck, ct);
            var copied = await RecheckGapsAsync(duck, store, touches, ct);
            while (true)
            {
                var n = await CopyEventsAsync(duck, store, storeMax, touches, ct);
                copied += n;
                if (n == 0) break;
            }
            await CopyCustomersAsync(duck, store, ct);
            await MirrorAnswers.CopyAsync(duck, store, storeOptions.Provider == StoreProvider.Postgres, options.BatchSize, clock.GetUtcNow().UtcDateTime, touches, ct);
            await MirrorMerges.FollowAsync(duck, store, touches, clock.GetUtcNow().UtcDateTime, ct);
            if (copied > 0) log.LogDebug("Analytics mirror copied {Rows} events", copied);
            return copied;
        }
        finally { _gate.Release(); }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the mirror while no catch-up runs: what it reads of mirror_touched and of the
    /// tables cannot change under it (<see cref="FrictionFacts"/> builds and refreshes its rows this way).
    /// </summary>
    internal async Task<T> ExclusiveAsync<T>(Func<DuckDBConnection, Task<T>> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var duck = await database.OpenAsync(ct);
            return await work(duck);
        }
        finally { _gate.Release(); }
    }

    private static readonly string Empty = $"""
        BEGIN; DELETE FROM events; DELETE FROM customers; DELETE FROM answers; DELETE FROM answer_pending; DELETE FROM mirror_gaps; DELETE FROM merge_log_applied; DELETE FROM merge_log_staging; DELETE FROM mirror_state;
        DELETE FROM mirror_touched; DELETE FROM friction_sets; DELETE FROM friction_rows; DELETE FROM timeline; DELETE FROM type_times;
        INSERT INTO mirror_state VALUES ('schema_version', {AnalyticsDatabase.SchemaVersion}), ('events', 0), ('customers', 0), ('answers', 0); COMMIT;
        """;

    /// <summary>
    /// Empties the mirror and copies the whole store again (`touchpoint analytics rebuild`): the repair for a mirror
    /// file that was damaged or copied from elsewhere. Merges no longer need it: catch-up applies them (MirrorMerges). Returns the events copied.
    /// </summary>
    public async Task<long> RebuildAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var duck = await database.OpenAsync(ct);
            await AnalyticsDatabase.ExecuteAsync(duck, AnalyticsDatabase.DropAll + AnalyticsDatabase.Schema, ct);
            await AnalyticsDatabase.ExecuteAsync(duck, Empty, ct);
            _schemaReady = true;
        }
        finally { _gate.Release(); }
        return await CatchUpAsync(ct);
    }

    private async Task EnsureSchemaAsync(DuckDBConnection duck, long storeMax, CancellationToken ct)
    {
        await AnalyticsDatabase.ExecuteAsync(duck, AnalyticsDatabase.Schema, ct);
        var version = await StateAsync(duck, "schema_version", ct);
        var watermark = await WatermarkAsync(duck, "events", ct);
        if (!_schemaReady && (version != AnalyticsDatabase.SchemaVersion || watermark > storeMax))
        {
            log.LogInformation("Rebuilding the analytics mirror {Path} from the store", database.Path);
            // Another schema version may lack columns, so its tables are recreated, not only emptied.
            if (version != AnalyticsDatabase.SchemaVersion)
                await AnalyticsDatabase.ExecuteAsync(duck, AnalyticsDatabase.DropAll + AnalyticsDatabase.Schema, ct);
            await AnalyticsDatabase.ExecuteAsync(duck, Empty, ct);
        }
        _schemaReady = true;
    }

    private async Task<int> CopyEventsAsync(DuckDBConnection duck, DbConnection store, long upTo, MirrorTouches? touches, CancellationToken ct)
    {
        var watermark = await WatermarkAsync(duck, "events", ct);
        if (watermark >= upTo) return 0;
        await using var cmd = store.CreateCommand();
        cmd.CommandText = $"SELECT id, customer_id, type, channel, occurred_at_utc, properties_json, value FROM touchpoint_events WHERE id > {watermark} AND id <= {upTo} ORDER BY id LIMIT {options.BatchSize}";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var gaps = new List<long>();
        var last = watermark;
        var rows = 0;
        var customers = new HashSet<long>();
        await AnalyticsDatabase.InTransactionAsync(duck, async () =>
        {
            using (var appender = duck.CreateAppender("events"))
            {
                while (await reader.ReadAsync(ct))
                {
                    var id = reader.GetInt64(0);
                    for (var g = last + 1; g < id && gaps.Count < MaxGapsTracked; g++) gaps.Add(g);
                    Append(appender, reader, id);
                    if (touches is not null) customers.Add(reader.GetInt64(1));
                    last = id;
                    rows++;
                }
            }
            if (touches is not null) await touches.AddAsync(duck, customers, ct);
            await SetWatermarkAsync(duck, "events", last, ct);
            if (storeOptions.Provider == StoreProvider.Postgres && gaps.Count > 0) AddGaps(duck, gaps);
        }, ct);
        return rows;
    }

    private static void Append(DuckDBAppender appender, DbDataReader r, long id)
    {
        var row = appender.CreateRow()
            .AppendValue(id).AppendValue(r.GetInt64(1)).AppendValue(r.GetString(2)).AppendValue(r.GetString(3))
            .AppendValue(DateTime.SpecifyKind(r.GetDateTime(4), DateTimeKind.Unspecified));
        row = r.IsDBNull(5) ? row.AppendNullValue() : row.AppendValue(r.GetString(5));
        // SQLite keeps decimals as text and PostgreSQL as numeric; the mirror sums doubles (revenue after a moment).
        (r.IsDBNull(6) ? row.AppendNullValue() : row.AppendValue(Convert.ToDouble(r.GetValue(6), System.Globalization.CultureInfo.InvariantCulture))).EndRow();
    }

    private async Task<int> RecheckGapsAsync(DuckDBConnection duck, DbConnection store, MirrorTouches? touches, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - GapPatience;
        await AnalyticsDatabase.ExecuteAsync(duck, $"DELETE FROM mirror_gaps WHERE seen_at < TIMESTAMP '{cutoff:yyyy-MM-dd HH:mm:ss}'", ct);
        var gaps = new List<long>();
        await using (var q = duck.CreateCommand())
        {
            q.CommandText = "SELECT id FROM mirror_gaps ORDER BY id";
            await using var r = await q.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) gaps.Add(r.GetInt64(0));
        }
        if (gaps.Count == 0) return 0;
        await using var cmd = store.CreateCommand();
        cmd.CommandText = $"SELECT id, customer_id, type, channel, occurred_at_utc, properties_json, value FROM touchpoint_events WHERE id IN ({string.Join(',', gaps)}) ORDER BY id";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var found = new List<long>();
        var customers = new HashSet<long>();
        await AnalyticsDatabase.InTransactionAsync(duck, async () =>
        {
            using (var appender = duck.CreateAppender("events"))
                while (await reader.ReadAsync(ct))
                {
                    var id = reader.GetInt64(0);
                    Append(appender, reader, id);
                    found.Add(id);
                    customers.Add(reader.GetInt64(1));
                }
            if (found.Count > 0) await AnalyticsDatabase.ExecuteAsync(duck, $"DELETE FROM mirror_gaps WHERE id IN ({string.Join(',', found)})", ct);
            if (touches is not null) await touches.AddAsync(duck, customers, ct);
        }, ct);
        return found.Count;
    }

    private void AddGaps(DuckDBConnection duck, List<long> gaps)
    {
        var now = DateTime.SpecifyKind(clock.GetUtcNow().UtcDateTime, DateTimeKind.Unspecified);
        using var appender = duck.CreateAppender("mirror_gaps");
        foreach (var g in gaps) appender.CreateRow().AppendValue(g).AppendValue(now).EndRow();
    }

    /// <summary>
    /// Customers are copied when new, with the segment they have then; a later segment change reaches the mirror
    /// on its next rebuild (delete the file), which is what breakdowns by segment report until then.
    /// </summary>
    private async Task CopyCustomersAsync(DuckDBConnection duck, DbConnection store, CancellationToken ct)
    {
        while (true)
        {
            var watermark = await WatermarkAsync(duck, "customers", ct);
            await using var cmd = store.CreateCommand();
            cmd.CommandText = $"SELECT id, segment FROM customers WHERE id > {watermark} ORDER BY id LIMIT {options.BatchSize}";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!reader.HasRows) return; // nothing new: no write to the mirror
            var last = watermark;
            await AnalyticsDatabase.ExecuteAsync(duck, "BEGIN", ct);
            using (var appender = duck.CreateAppender("customers"))
                while (await reader.ReadAsync(ct))
                {
                    last = reader.GetInt64(0);
                    appender.CreateRow().AppendValue(last).AppendValue(reader.IsDBNull(1) ? "" : reader.GetString(1)).EndRow();
                }
            await SetWatermarkAsync(duck, "customers", last, ct);
            await AnalyticsDatabase.ExecuteAsync(duck, "COMMIT", ct);
            if (last == watermark) return;
        }
    }

    internal static async Task<long> WatermarkAsync(DuckDBConnection duck, string name, CancellationToken ct) =>
        await StateAsync(duck, name, ct) ?? 0;

    /// <summary>A value of mirror_state, or null when it was never set.</summary>
    internal static Task<long?> StateAsync(DuckDBConnection duck, string name, CancellationToken ct) =>
        DuckScalarAsync(duck, $"SELECT value FROM mirror_state WHERE name = '{name}'", ct);

    internal static Task SetWatermarkAsync(DuckDBConnection duck, string name, long value, CancellationToken ct) =>
        AnalyticsDatabase.ExecuteAsync(duck, $"INSERT OR REPLACE INTO mirror_state VALUES ('{name}', {value})", ct);

    private static async Task<long?> DuckScalarAsync(DuckDBConnection duck, string sql, CancellationToken ct)
    {
        await using var cmd = duck.CreateCommand();
        cmd.CommandText = sql;
        var v = await cmd.ExecuteScalarAsync(ct);
        return v is null or DBNull ? null : Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);
    }
}
