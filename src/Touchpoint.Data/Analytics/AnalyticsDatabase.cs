using DuckDB.NET.Data;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// The DuckDB file that mirrors touchpoint_events for analytic queries. Connections to the same file within the
/// process share one database instance (DuckDB.NET caches it), so readers and the mirror writer coexist.
/// </summary>
public sealed class AnalyticsDatabase(AnalyticsOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _keeperGate = new(1, 1);
    private DuckDBConnection? _keeper;
    private long _lastQuestionMs;

    // 2: merges are followed (table merges); older files may hold events under a merged-away customer, so rebuild.
    // 3: events carry their value, and completed NPS/CSAT answers are mirrored (friction runs on the engine).
    // 4: friction exposure rows are kept per condition set and recomputed per changed customer (FrictionFacts); so is
    //    the numbered timeline paths read (PathTimeline). The per-type times funnels read (TypeTimes) came later
    //    within version 4: a kept table is created empty and built when first asked for, so older files need no rebuild.
    //    So did following merges through the store's merge log (merge_log_applied, merge_log_staging): an older file
    //    reads the log from its start once, which moves nothing already moved; its former merges tables stay unused
    //    until a rebuild drops them.
    public const int SchemaVersion = 4;
    public string Path { get; } = System.IO.Path.GetFullPath(options.MirrorPath);

    public async Task<DuckDBConnection> OpenAsync(CancellationToken ct)
    {
        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var conn = new DuckDBConnection($"Data Source={Path}");
        await conn.OpenAsync(ct);
        // Offline by design: only the extensions built into the package, never a download at query time.
        // Every analytic query orders its own result, so rows need not keep insertion order; keeping it made a
        // 10M-event friction query run out of its 1 GB memory limit (operators could not spill).
        var settings = $"SET autoinstall_known_extensions=false; SET preserve_insertion_order=false; SET memory_limit='{options.MemoryLimit.Replace("'", "", StringComparison.Ordinal)}';";
        if (options.Threads > 0) settings += $" SET threads={options.Threads};";
        await ExecuteAsync(conn, settings, ct);
        return conn;
    }

    /// <summary>
    /// Holds one connection open for <see cref="AnalyticsOptions.KeepOpenAfterQuestion"/> after each question. DuckDB
    /// closes a file's database with its last connection, so without it every question reopened the file: its
    /// catalog read again and its blocks read and decompressed again, up to 11 % of a question at 10M events.
    /// Idle, it lets go (<see cref="ReleaseIfIdleAsync"/>): the blocks it holds go back (up to the memory limit), and
    /// a CLI on the same file is not locked out (DuckDB lets one process open a file at a time).
    /// </summary>
    public async Task KeepOpenAsync(CancellationToken ct)
    {
        if (options.KeepOpenAfterQuestion <= TimeSpan.Zero) return;
        Volatile.Write(ref _lastQuestionMs, Environment.TickCount64);
        if (Volatile.Read(ref _keeper) is not null) return;
        await _keeperGate.WaitAsync(ct);
        try { _keeper ??= await OpenAsync(ct); }
        finally { _keeperGate.Release(); }
    }

    /// <summary>Closes the kept connection once no question came for <see cref="AnalyticsOptions.KeepOpenAfterQuestion"/>.</summary>
    public async Task ReleaseIfIdleAsync(CancellationToken ct)
    {
        if (IsKeptOpen && IsIdle) await CloseKeeperAsync(onlyIfIdle: true, ct);
    }

    /// <summary>Whether a connection is kept open between questions; for tests.</summary>
    public bool IsKeptOpen => Volatile.Read(ref _keeper) is not null;

    private bool IsIdle => Environment.TickCount64 - Volatile.Read(ref _lastQuestionMs) >= options.KeepOpenAfterQuestion.TotalMilliseconds;

    public async ValueTask DisposeAsync() => await CloseKeeperAsync(onlyIfIdle: false, CancellationToken.None);

    /// <summary>Closes the kept connection under the gate; a question that came meanwhile keeps it when <paramref name="onlyIfIdle"/>.</summary>
    private async Task CloseKeeperAsync(bool onlyIfIdle, CancellationToken ct)
    {
        await _keeperGate.WaitAsync(ct);
        try
        {
            if (_keeper is null || (onlyIfIdle && !IsIdle)) return;
            await _keeper.DisposeAsync();
            _keeper = null;
        }
        finally { _keeperGate.Release(); }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one DuckDB transaction: rows appended and the watermark moved commit together,
    /// or roll back together when anything fails, so the mirror never holds rows beyond its watermark.
    /// </summary>
    public static async Task InTransactionAsync(DuckDBConnection conn, Func<Task> work, CancellationToken ct)
    {
        await ExecuteAsync(conn, "BEGIN", ct);
        try
        {
            await work();
            await ExecuteAsync(conn, "COMMIT", ct);
        }
        catch
        {
            await ExecuteAsync(conn, "ROLLBACK", CancellationToken.None);
            throw;
        }
    }

    public static async Task ExecuteAsync(DuckDBConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs a statement with positional values bound as $p0, $p1, ...</summary>
    public static async Task ExecuteAsync(DuckDBConnection conn, string sql, IReadOnlyList<object> parameters, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        for (var i = 0; i < parameters.Count; i++) cmd.Parameters.Add(new DuckDBParameter("p" + i, parameters[i]));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A count or id from the mirror or, the same way, from the store.</summary>
    public static async Task<long> ScalarAsync(System.Data.Common.DbConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Drops every mirror table, for a file written by another schema version (then <see cref="Schema"/> recreates them).</summary>
    public const string DropAll = """
        DROP TABLE IF EXISTS events; DROP TABLE IF EXISTS customers; DROP TABLE IF EXISTS answers; DROP TABLE IF EXISTS answer_pending;
        DROP TABLE IF EXISTS mirror_state; DROP TABLE IF EXISTS mirror_gaps; DROP TABLE IF EXISTS merges; DROP TABLE IF EXISTS merge_staging; DROP TABLE IF EXISTS merge_log_applied; DROP TABLE IF EXISTS merge_log_staging;
        DROP TABLE IF EXISTS mirror_touched; DROP TABLE IF EXISTS friction_sets; DROP TABLE IF EXISTS friction_rows; DROP TABLE IF EXISTS timeline; DROP TABLE IF EXISTS type_times;
        """;

    /// <summary>
    /// Tables of the mirror. answers holds completed NPS (scale 0) and CSAT (scale 1) answers with a score and a
    /// customer; answer_pending the ids of answers copied past while still incomplete, re-checked until they complete.
    /// mirror_touched logs the customers whose events or answers changed, by catch-up (seq), while anything derived is kept;
    /// friction_sets and friction_rows keep the exposure rows of each friction condition set (<see cref="FrictionFacts"/>);
    /// timeline numbers each customer's events in time order (<see cref="PathTimeline"/>); type_times lists each
    /// customer's times per event type (<see cref="TypeTimes"/>).
    /// No primary keys: DuckDB's index would slow the appender and hold memory, and the
    /// watermark (stored with the rows, in one transaction) already guarantees each store row is copied once.
    /// </summary>
    public const string Schema = $"""
        CREATE TABLE IF NOT EXISTS events (id BIGINT, customer_id BIGINT, type VARCHAR, channel VARCHAR, ts TIMESTAMP, properties VARCHAR, value DOUBLE);
        CREATE TABLE IF NOT EXISTS answers (id BIGINT, customer_id BIGINT, scale TINYINT, score INTEGER, ts TIMESTAMP);
        CREATE TABLE IF NOT EXISTS answer_pending (id BIGINT, seen_at TIMESTAMP);
        CREATE TABLE IF NOT EXISTS customers (id BIGINT, segment VARCHAR);
        CREATE TABLE IF NOT EXISTS mirror_state (name VARCHAR PRIMARY KEY, value BIGINT);
        CREATE TABLE IF NOT EXISTS mirror_gaps (id BIGINT, seen_at TIMESTAMP);
        CREATE TABLE IF NOT EXISTS merge_log_applied (id BIGINT);
        CREATE TABLE IF NOT EXISTS merge_log_staging (id BIGINT, from_id BIGINT, into_id BIGINT);
        CREATE TABLE IF NOT EXISTS mirror_touched (seq BIGINT, customer_id BIGINT);
        CREATE TABLE IF NOT EXISTS friction_sets (id INTEGER, key VARCHAR, seq BIGINT, used_at TIMESTAMP, rows_sql VARCHAR, params VARCHAR);
        CREATE TABLE IF NOT EXISTS friction_rows (set_id INTEGER, {DuckDbFrictionSql.RowColumns});
        CREATE TABLE IF NOT EXISTS timeline (customer_id BIGINT, seq INTEGER, ts TIMESTAMP, type VARCHAR);
        CREATE TABLE IF NOT EXISTS type_times (customer_id BIGINT, type VARCHAR, ts TIMESTAMP[]);
        """;
}
