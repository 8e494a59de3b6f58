using System.Data.Common;
using DuckDB.NET.Data;
using Touchpoint.Domain.Journeys.Analytics;
using Touchpoint.Domain.Journeys.Friction;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// Journey analytics on the DuckDB mirror. Before answering it catches the mirror up to the store's last id, so an
/// answer never misses an event the store had when the question came (cheap when the mirror is nearly current,
/// which the background service keeps it).
/// </summary>
public sealed class DuckDbJourneyAnalytics(AnalyticsDatabase database, AnalyticsMirror mirror, FrictionFacts friction, PathTimeline timeline, TypeTimes typeTimes) : IJourneyAnalytics
{
    public async Task<FunnelResult> FunnelAsync(FunnelDefinition funnel, CancellationToken ct)
    {
        await ReadyAsync(ct);
        var sql = new DuckDbFunnelSql(funnel);
        var text = sql.Build();
        await DumpAsync("funnel-" + funnel.Order.ToString().ToLowerInvariant(), text, sql.Parameters, ct);
        LastFunnelKeptTable = sql.KeptTable;
        LastTypeTimesAction = sql.KeptTable == TypeTimes.TableName ? await typeTimes.EnsureCurrentAsync(ct) : "";
        if (sql.KeptTable == PathTimeline.TableName) LastTimelineAction = await timeline.EnsureCurrentAsync(ct);
        FunnelSeries? total = null;
        var rows = new List<(string Value, FunnelSeries Series)>();
        await using var conn = await database.OpenAsync(ct);
        await using var cmd = Command(conn, text, sql.Parameters);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var tallies = new List<FunnelStepTally>(funnel.Steps.Count);
            for (var k = 0; k < funnel.Steps.Count; k++)
            {
                var c = 2 + k * 5;
                tallies.Add(new FunnelStepTally(Convert.ToInt64(r.GetValue(c), System.Globalization.CultureInfo.InvariantCulture),
                    Double(r, c + 1), Double(r, c + 2), Double(r, c + 3), Double(r, c + 4)));
            }
            var isTotal = Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) == 1;
            var value = isTotal ? "" : r.GetString(1);
            var series = FunnelSeriesBuilder.Build(funnel, value, tallies);
            if (isTotal) total = series; else rows.Add((value, series));
        }
        total ??= FunnelSeriesBuilder.Build(funnel, "", funnel.Steps.Select(_ => new FunnelStepTally(0, null, null, null, null)).ToList());
        var breakdown = funnel.Breakdown.Kind == FunnelBreakdownKind.None ? [] : rows
            .OrderByDescending(x => x.Series.Steps[0].Count).ThenBy(x => x.Value, StringComparer.Ordinal)
            .Take(funnel.BreakdownLimit).Select(x => x.Series).ToList();
        return new FunnelResult(total, breakdown);
    }

    /// <summary>The kept table the last funnel read (type_times, timeline), or null when it read only the events.</summary>
    public string? LastFunnelKeptTable { get; private set; }

    /// <summary>How the last funnel found the kept per-type times (built, refreshed or current; empty when it did not read them).</summary>
    public string LastTypeTimesAction { get; private set; } = "";

    public async Task<IReadOnlyList<PathTransition>> PathsAsync(PathQuery q, CancellationToken ct)
    {
        await ReadyAsync(ct);
        var parameters = new List<object> { q.StartType };
        var range = "";
        if (q.FromUtc is { } from) { parameters.Add(DateTime.SpecifyKind(from, DateTimeKind.Unspecified)); range += $" AND ts >= $p{parameters.Count - 1}"; }
        if (q.ToUtc is { } to) { parameters.Add(DateTime.SpecifyKind(to, DateTimeKind.Unspecified)); range += $" AND ts < $p{parameters.Count - 1}"; }
        // `after` holds each customer's events from their first start on, numbered (rn), with the next event beside them.
        // An end type keeps the paths that reach it after the start and cuts each at its first occurrence; those paths
        // end by definition, so they show no drop-off edge.
        var edges = $"SELECT rn AS level, type AS from_type, COALESCE(next, '{PathQuery.End}') AS to_type FROM after WHERE rn <= {q.Depth}";
        if (q.EndType is { Length: > 0 } endType)
        {
            parameters.Add(endType);
            var p = $"$p{parameters.Count - 1}";
            edges = $"""
                SELECT a.rn AS level, a.type AS from_type, a.next AS to_type
                FROM after a JOIN (SELECT customer_id, min(rn) AS end_rn FROM after WHERE type = {p} AND rn > 1 AND rn <= {q.Depth + 1} GROUP BY customer_id) x
                  ON x.customer_id = a.customer_id
                WHERE a.rn < x.end_rn
                """;
        }
        // By stage: each event becomes its stage (types outside the journey left out) and back-to-back repeats of a
        // stage collapse to their first event, as PathCalculator defines it.
        var stages = "";
        if (q.StageOf is { Count: > 0 } stageOf)
        {
            var rows = string.Join(", ", stageOf.Select(kv =>
            {
                parameters.Add(kv.Key);
                parameters.Add(kv.Value);
                return $"($p{parameters.Count - 2}, $p{parameters.Count - 1})";
            }));
            stages = $"""
                stage_map AS (SELECT * FROM (VALUES {rows}) AS m(type, stage)),
                mapped AS (SELECT e.customer_id, e.id, e.ts, m.stage AS type FROM events e JOIN stage_map m ON m.type = e.type),
                stage_events AS (SELECT customer_id, id, ts, type FROM (SELECT *, lag(type) OVER (PARTITION BY customer_id ORDER BY ts, id) AS prev FROM mapped)
                                 WHERE prev IS DISTINCT FROM type),

                """;
        }
        string sql;
        if (stages.Length > 0)
            // Stage events exist only per question, so they are numbered here with a window (which sorts and spills within
            // the memory limit; a top-N aggregate per customer ran out of 1 GB at 10M events).
            sql = $"""
                WITH {stages}firsts AS (SELECT customer_id, arg_min(id, (ts, id)) AS first_id, min(ts) AS first_ts
                                FROM stage_events WHERE type = $p0{range} GROUP BY customer_id),
                after AS (SELECT e.customer_id, e.type, row_number() OVER w AS rn, lead(e.type) OVER w AS next
                          FROM firsts f JOIN stage_events e ON e.customer_id = f.customer_id
                          WHERE e.ts > f.first_ts OR (e.ts = f.first_ts AND e.id >= f.first_id)
                          WINDOW w AS (PARTITION BY e.customer_id ORDER BY e.ts, e.id)),
                {Ranked(edges, q.TopPerLevel)}
                """;
        else
        {
            // Touchpoint paths read the numbered timeline: each customer's first start and the Depth events after it are
            // picked by number (one hash join), and only those few rows per customer are ordered for the next event.
            LastTimelineAction = await timeline.EnsureCurrentAsync(ct);
            sql = $"""
                WITH firsts AS (SELECT customer_id, min(seq) AS s0 FROM timeline WHERE type = $p0{range} GROUP BY customer_id),
                after AS (SELECT customer_id, type, rn, lead(type) OVER (PARTITION BY customer_id ORDER BY rn) AS next
                          FROM (SELECT t.customer_id, t.type, t.seq - f.s0 + 1 AS rn FROM timeline t JOIN firsts f ON f.customer_id = t.customer_id
                                WHERE t.seq >= f.s0 AND t.seq <= f.s0 + {q.Depth})),
                {Ranked(edges, q.TopPerLevel)}
                """;
        }
        var result = new List<PathTransition>();
        await using var conn = await database.OpenAsync(ct);
        await using var cmd = Command(conn, sql, parameters);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result.Add(new PathTransition((int)r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));
        return result;
    }

    /// <summary>How the last touchpoint path question found the numbered timeline (built, refreshed or current).</summary>
    public string LastTimelineAction { get; private set; } = "";

    /// <summary>The edges counted per level, the most travelled first, at most <paramref name="top"/> per level.</summary>
    private static string Ranked(string edges, int top) => $"""
        edges AS ({edges}),
        counted AS (SELECT level, from_type, to_type, count(*) AS customers FROM edges GROUP BY ALL)
        SELECT level, from_type, to_type, customers FROM counted
        QUALIFY row_number() OVER (PARTITION BY level ORDER BY customers DESC, from_type, to_type) <= {top}
        ORDER BY level, customers DESC, from_type, to_type
        """;

    /// <summary>
    /// One pass groups the events into (customer, period) with a flag for the activity type; the first-touch cohort is
    /// the earliest period (truncation keeps order), so the 10M-event scan is grouped once, not twice.
    /// </summary>
    public async Task<IReadOnlyList<CohortCell>> RetentionCohortsAsync(CohortQuery q, CancellationToken ct)
    {
        await ReadyAsync(ct);
        var unit = q.Period == CohortPeriod.Week ? "week" : "month";
        var parameters = new List<object>();
        var flag = "";
        var activity = "";
        if (q.ActivityType is { Length: > 0 } a) { parameters.Add(a); flag = ", bool_or(type = $p0) AS act"; activity = " WHERE act"; }
        var range = "";
        if (q.FromUtc is { } from) { parameters.Add(DateTime.SpecifyKind(from, DateTimeKind.Unspecified)); range += $" AND cohort >= $p{parameters.Count - 1}"; }
        if (q.ToUtc is { } to) { parameters.Add(DateTime.SpecifyKind(to, DateTimeKind.Unspecified)); range += $" AND cohort < $p{parameters.Count - 1}"; }
        var sql = $"""
            WITH per AS (SELECT customer_id, date_trunc('{unit}', ts) AS period{flag} FROM events GROUP BY customer_id, period),
            firsts AS (SELECT customer_id, min(period) AS cohort FROM per GROUP BY customer_id),
            cohorts AS (SELECT * FROM firsts WHERE TRUE{range}),
            sizes AS (SELECT cohort, count(*) AS size FROM cohorts GROUP BY cohort),
            active AS (SELECT customer_id, period FROM per{activity}),
            cells AS (SELECT c.cohort, date_diff('{unit}', c.cohort, a.period) AS period, count(*) AS active
                      FROM cohorts c JOIN active a ON a.customer_id = c.customer_id
                      WHERE a.period >= c.cohort AND date_diff('{unit}', c.cohort, a.period) < {q.Periods} GROUP BY ALL)
            SELECT s.cohort, s.size, p.period, COALESCE(cells.active, 0)
            FROM sizes s CROSS JOIN range(0, {q.Periods}) AS p(period)
            LEFT JOIN cells ON cells.cohort = s.cohort AND cells.period = p.period
            ORDER BY s.cohort, p.period
            """;
        var result = new List<CohortCell>();
        await using var conn = await database.OpenAsync(ct);
        await using var cmd = Command(conn, sql, parameters);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result.Add(new CohortCell(DateOnly.FromDateTime(r.GetDateTime(0)), r.GetInt64(1), (int)r.GetInt64(2), r.GetInt64(3)));
        return result;
    }

    public async Task<IReadOnlyList<string>> EventTypesAsync(CancellationToken ct)
    {
        await ReadyAsync(ct);
        var types = new List<string>();
        await using var conn = await database.OpenAsync(ct);
        await using var cmd = Command(conn, "SELECT DISTINCT type FROM events ORDER BY type", []);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) types.Add(r.GetString(0));
        return types;
    }

    /// <summary>How the last friction measurement found its kept rows (built, refreshed or current); for benchmarks and tests.</summary>
    public string LastFrictionAction { get; private set; } = "";

    public async Task<FrictionMeasurements> FrictionAsync(IReadOnlyList<FrictionCondition> conditions, FrictionOptions options, CancellationToken ct)
    {
        await ReadyAsync(ct);
        if (Environment.GetEnvironmentVariable("TP_DUMP_SQL") is { Length: > 0 })
        {
            var dump = new DuckDbFrictionSql(conditions, options);
            await DumpAsync("friction", dump.Aggregate(dump.Rows()), dump.Parameters, ct);
        }
        // Per condition: [others, affected] groups; a group with no exposure has no row.
        var groups = new Dictionary<(int K, bool Affected, FrictionOutcome O), (int Exposures, OutcomeGroup Group, IReadOnlyList<long> Examples)>();
        var customers = 0;
        DateTime? end = null;
        LastFrictionAction = await friction.ReadAsync(conditions, options, async r =>
        {
            while (await r.ReadAsync(ct))
            {
                var k = (int)Long(r, 0);
                var affected = r.GetBoolean(1);
                var exposures = (int)Long(r, 2);
                customers = (int)Long(r, 3);
                end = r.IsDBNull(4) ? null : DateTime.SpecifyKind(r.GetDateTime(4), DateTimeKind.Utc);
                foreach (var o in Enum.GetValues<FrictionOutcome>())
                {
                    var c = DuckDbFrictionSql.FirstOutcomeColumn + (int)o * DuckDbFrictionSql.ColumnsPerOutcome;
                    var measured = (int)Long(r, c);
                    var group = measured == 0 ? default : new OutcomeGroup(measured, Double(r, c + 1) ?? 0, Double(r, c + 2) ?? 0, (int)Long(r, c + 3));
                    var examples = r.IsDBNull(c + 4) ? [] : ((System.Collections.IEnumerable)r.GetValue(c + 4)).Cast<object>()
                        .Select(x => Convert.ToInt64(x, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
                    groups[(k, affected, o)] = (exposures, group, examples);
                }
            }
        }, ct);
        var measures = new Dictionary<(string, FrictionOutcome), FrictionMeasure>();
        for (var k = 0; k < conditions.Count; k++)
            foreach (var o in Enum.GetValues<FrictionOutcome>())
            {
                var a = groups.GetValueOrDefault((k, true, o));
                var b = groups.GetValueOrDefault((k, false, o));
                measures[(conditions[k].Key, o)] = new FrictionMeasure(a.Exposures, b.Exposures, a.Group, b.Group, a.Examples ?? []);
            }
        return new FrictionMeasurements(end, customers, measures);
    }

    /// <summary>Every question keeps the database open for the next one, then catches the mirror up.</summary>
    private async Task ReadyAsync(CancellationToken ct)
    {
        await database.KeepOpenAsync(ct);
        await mirror.CatchUpAsync(ct);
    }

    /// <summary>TP_DUMP_SQL=folder writes each generated query and its parameters there, for EXPLAIN ANALYZE by hand.</summary>
    private static async Task DumpAsync(string name, string sql, IReadOnlyList<object> parameters, CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable("TP_DUMP_SQL") is not { Length: > 0 } dir) return;
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, name + ".sql"), sql, ct);
        await File.WriteAllLinesAsync(Path.Combine(dir, name + ".params"), parameters.Select(p => Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture) ?? ""), ct);
    }

    private static long Long(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    private static DuckDBCommand Command(DuckDBConnection conn, string sql, IReadOnlyList<object> parameters)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        for (var i = 0; i < parameters.Count; i++) cmd.Parameters.Add(new DuckDBParameter("p" + i, parameters[i]));
        return cmd;
    }

    private static double? Double(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
}
