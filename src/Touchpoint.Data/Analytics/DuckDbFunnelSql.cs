using System.Globalization;
using System.Text;
using Touchpoint.Domain.Journeys.Analytics;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// Writes the SQL that answers a funnel in DuckDB with the meaning of <see cref="FunnelMatcher"/>. Every start
/// event is an attempt; one row per customer survives (furthest, then earliest start) and the totals are aggregated in
/// the same query. Where the funnel allows (<see cref="KeptTable"/>) the steps are found in tables the mirror keeps:
/// each customer's sorted times per event type (ordered and unordered funnels) or numbered timeline (strict ones), so
/// no event is sorted at question time. Otherwise each later step is the earliest qualifying event found by an ASOF
/// join (a sort-merge, not a nested loop), and strict funnels use LEAD over each customer's full sequence. An ASOF join
/// whose left time is NULL still matches (NULL sorts first), so every step checks that the step before it was reached.
/// Values travel as parameters ($p0, $p1, ...).
/// </summary>
public sealed class DuckDbFunnelSql
{
    private readonly FunnelDefinition _f;
    private readonly List<object> _parameters = [];

    /// <summary>Set when the attempts already hold one row per customer, the chosen one.</summary>
    private bool _chosenPerCustomer;

    public DuckDbFunnelSql(FunnelDefinition f) => _f = f;

    public IReadOnlyList<object> Parameters => _parameters;

    private string P(object value)
    {
        _parameters.Add(value);
        return "$p" + (_parameters.Count - 1).ToString(CultureInfo.InvariantCulture);
    }

    private long WindowMicros => _f.Window.Ticks / 10;
    private string Deadline(string start) => $"({start} + INTERVAL ({WindowMicros}) MICROSECOND)";

    private string Match(string eventType, IReadOnlyDictionary<string, string>? properties, string alias = "")
    {
        var sb = new StringBuilder($"{alias}type = {P(eventType)}");
        foreach (var (k, v) in properties ?? new Dictionary<string, string>())
            sb.Append(CultureInfo.InvariantCulture, $" AND json_extract_string({alias}properties, {P(JsonPath(k))}) = {P(v)}");
        return sb.ToString();
    }

    private static string JsonPath(string key) => "$.\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private string InRange(string column)
    {
        var parts = new List<string>();
        if (_f.FromUtc is { } from) parts.Add($"{column} >= {P(DateTime.SpecifyKind(from, DateTimeKind.Unspecified))}");
        if (_f.ToUtc is { } to) parts.Add($"{column} < {P(DateTime.SpecifyKind(to, DateTimeKind.Unspecified))}");
        return parts.Count == 0 ? "TRUE" : string.Join(" AND ", parts);
    }

    private string BreakdownValue => _f.Breakdown.Kind switch
    {
        FunnelBreakdownKind.Segment => $"COALESCE(NULLIF((SELECT c.segment FROM customers c WHERE c.id = e.customer_id LIMIT 1), ''), '{FunnelBreakdown.NoValue}')",
        FunnelBreakdownKind.Channel => $"COALESCE(NULLIF(e.channel, ''), '{FunnelBreakdown.NoValue}')",
        FunnelBreakdownKind.Property => $"COALESCE(NULLIF(json_extract_string(e.properties, {P(JsonPath(_f.Breakdown.Property!))}), ''), '{FunnelBreakdown.NoValue}')",
        _ => "''",
    };

    /// <summary>
    /// Channel and property breakdowns attributed to a step other than the start carry each step's value (bv{k}) along;
    /// a segment is the customer's, whatever the step.
    /// </summary>
    private bool PerStep => _f.Breakdown.Kind is FunnelBreakdownKind.Channel or FunnelBreakdownKind.Property
        && _f.Breakdown.Attribution != BreakdownAttribution.FirstTouch;

    /// <summary>The attributed value from the start's bv0 and each reached step's bv{k} (NULL when not reached).</summary>
    private string Attributed()
    {
        if (!HasBreakdown) return "''";
        if (!PerStep) return "bv0";
        if (_f.Breakdown.Attribution == BreakdownAttribution.Step) return $"COALESCE(bv{_f.Breakdown.Step}, '{FunnelBreakdown.NoValue}')";
        var sb = new StringBuilder("CASE");
        for (var k = _f.Steps.Count - 1; k >= 0; k--) sb.Append(CultureInfo.InvariantCulture, $" WHEN t{k} IS NOT NULL THEN bv{k}");
        return sb.Append(" END").ToString();
    }

    public string Build()
    {
        var n = _f.Steps.Count;
        var sb = new StringBuilder("WITH ");
        var raw = (KeptTable, _f.Order) switch
        {
            (TypeTimes.TableName, FunnelOrder.Unordered) => UnorderedListAttempts(sb),
            (TypeTimes.TableName, _) => ListAttempts(sb),
            (PathTimeline.TableName, _) => TimelineAttempts(sb),
            (_, FunnelOrder.Strict) => StrictAttempts(sb),
            (_, FunnelOrder.Unordered) => UnorderedAttempts(sb),
            _ => OrderedAttempts(sb),
        };
        sb.Append(CultureInfo.InvariantCulture, $"attributed AS (SELECT *, {Attributed()} AS bval FROM {raw}),\n");
        const string attempts = "attributed";
        var reached = new StringBuilder("CASE");
        for (var k = n - 1; k >= 0; k--)
            if (!_f.Steps[k].Optional) reached.Append(CultureInfo.InvariantCulture, $" WHEN t{k} IS NOT NULL THEN {k + 1}");
        reached.Append(" ELSE 0 END");
        // A hash aggregate picks each customer's attempt (furthest, then earliest): cheaper than a window's sort. The
        // start's id breaks ties only where two starts at one instant can differ: in their own breakdown value, or in
        // what follows them in a strict funnel. Elsewhere equal starts give equal attempts and the id is left out.
        var fields = string.Join(", ", Enumerable.Range(0, n).Select(k => $"t{k} := t{k}").Concat(HasBreakdown ? ["bval := bval"] : []));
        var unpacked = string.Join(", ", Enumerable.Range(0, n).Select(k => $"b.t{k} AS t{k}").Concat(HasBreakdown ? ["b.bval AS bval"] : []));
        var tieBreak = StartIdMatters ? ", start_id" : "";
        if (_chosenPerCustomer)
            sb.Append(CultureInfo.InvariantCulture, $"best AS (SELECT {string.Join(", ", Enumerable.Range(0, n).Select(k => $"t{k}").Concat(HasBreakdown ? ["bval"] : []))} FROM {attempts}),\n");
        else
            sb.Append(CultureInfo.InvariantCulture, $"""
                chosen AS (
                  SELECT customer_id, arg_min(struct_pack({fields}), (-({reached}), t0{tieBreak})) AS b
                  FROM {attempts} WHERE NOT excluded GROUP BY customer_id),
                best AS (SELECT {unpacked} FROM chosen),

                """);
        // Each distinct time span is one quantile aggregate giving both the median and p90; step 1's span from the
        // previous step is its span from the start, so it is computed once. Without a breakdown there is no ROLLUP.
        var spans = new List<(int From, int To)>();
        var aggregates = new StringBuilder();
        for (var k = 0; k < n; k++)
        {
            aggregates.Append(CultureInfo.InvariantCulture, $", count(t{k}) AS c{k}");
            if (k == 0) continue;
            foreach (var from in new[] { Math.Max(_f.Order == FunnelOrder.Unordered ? k - 1 : _f.PreviousRequired(k), 0), 0 })
            {
                if (spans.Contains((from, k))) continue;
                spans.Add((from, k));
                aggregates.Append(CultureInfo.InvariantCulture, $", quantile_cont(date_diff('microsecond', t{from}, t{k}) / 1e6, [0.5, 0.9]) FILTER (WHERE t{k} IS NOT NULL) AS q{from}_{k}");
            }
        }
        var grouped = _f.Breakdown.Kind == FunnelBreakdownKind.None
            ? $"SELECT 1 AS is_total, '' AS bval{aggregates} FROM best"
            : $"SELECT GROUPING(bval) AS is_total, bval{aggregates} FROM best GROUP BY ROLLUP (bval)";
        sb.Append(CultureInfo.InvariantCulture, $"tallies AS ({grouped})\nSELECT is_total, bval");
        for (var k = 0; k < n; k++)
        {
            sb.Append(CultureInfo.InvariantCulture, $", c{k}");
            if (k == 0) { sb.Append(", NULL, NULL, NULL, NULL"); continue; }
            var prev = Math.Max(_f.Order == FunnelOrder.Unordered ? k - 1 : _f.PreviousRequired(k), 0);
            sb.Append(CultureInfo.InvariantCulture, $", q{prev}_{k}[1], q{prev}_{k}[2], q0_{k}[1], q0_{k}[2]");
        }
        sb.Append(" FROM tallies");
        return sb.ToString();
    }

    private bool HasBreakdown => _f.Breakdown.Kind != FunnelBreakdownKind.None;

    /// <summary>Whether two starts at the same instant can make different attempts (see Build).</summary>
    private bool StartIdMatters => _f.Order == FunnelOrder.Strict
        || _f.Breakdown.Kind is FunnelBreakdownKind.Channel or FunnelBreakdownKind.Property;

    /// <summary>
    /// Adds the columns of one step (an ASOF join, or <paramref name="join"/>) to the attempts of <paramref name="current"/>.
    /// Attempts that did not reach <paramref name="guard"/> cannot match, so only the others go through the join (about
    /// half of them in a typical funnel; the join is the cost) and the rest get NULLs (or <paramref name="nulls"/>).
    /// </summary>
    private static string Guarded(string current, string guard, string columns, string nulls, string right, string on, string join = "ASOF LEFT JOIN") =>
        guard == "t0"
            ? $"SELECT a.*, {columns} FROM {current} a {join} {right} s ON {on}"
            : $"""
              SELECT a.*, {columns} FROM (SELECT * FROM {current} WHERE {guard} IS NOT NULL) a {join} {right} s ON {on}
                UNION ALL BY NAME SELECT *, {nulls} FROM {current} WHERE {guard} IS NULL
              """;

    private void StepTables(StringBuilder sb, IEnumerable<int> steps)
    {
        foreach (var k in steps)
            // With values along, events of a step at the same instant collapse to the lowest id's value (an ASOF join
            // picks any of equal times; the reference takes the first in id order).
            sb.Append(PerStep
                ? $"s{k} AS (SELECT e.customer_id, e.ts, arg_min({BreakdownValue}, e.id) AS bv FROM events e WHERE {Match(_f.Steps[k].EventType, _f.Steps[k].Properties, "e.")} GROUP BY e.customer_id, e.ts),\n"
                : $"s{k} AS (SELECT customer_id, ts FROM events WHERE {Match(_f.Steps[k].EventType, _f.Steps[k].Properties)}),\n");
    }

    private string OrderedAttempts(StringBuilder sb)
    {
        var n = _f.Steps.Count;
        StepTables(sb, Enumerable.Range(1, n - 1));
        for (var i = 0; i < _f.Exclusions.Count; i++)
            sb.Append(CultureInfo.InvariantCulture, $"x{i} AS (SELECT customer_id, ts FROM events WHERE {Match(_f.Exclusions[i].EventType, _f.Exclusions[i].Properties)}),\n");
        sb.Append(CultureInfo.InvariantCulture, $"""
            a0 AS (SELECT e.customer_id, {(StartIdMatters ? "e.id AS start_id, " : "")}e.ts AS t0{(HasBreakdown ? $", {BreakdownValue} AS bv0" : "")}
                   FROM events e WHERE {Match(_f.Steps[0].EventType, _f.Steps[0].Properties, "e.")} AND {InRange("e.ts")}),

            """);
        var current = "a0";
        var prev = 0;
        for (var k = 1; k < n; k++)
        {
            if (_f.Steps[k].Optional) continue;
            var hit = $"a.t{prev} IS NOT NULL AND s.ts <= {Deadline("a.t0")}";
            sb.Append(CultureInfo.InvariantCulture, $"r{k} AS ({Guarded(current, $"t{prev}", $"CASE WHEN {hit} THEN s.ts END AS t{k}{StepValue(k, hit)}", NoStep(k), $"s{k}", $"a.customer_id = s.customer_id AND s.ts > a.t{prev}")}),\n");
            current = $"r{k}";
            prev = k;
        }
        for (var k = 1; k < n; k++)
        {
            if (!_f.Steps[k].Optional) continue;
            var before = _f.PreviousRequired(k);
            var next = Enumerable.Range(k + 1, n - k - 1).First(i => !_f.Steps[i].Optional);
            var hit = $"a.t{before} IS NOT NULL AND ((a.t{next} IS NULL AND s.ts <= {Deadline("a.t0")}) OR s.ts < a.t{next})";
            sb.Append(CultureInfo.InvariantCulture, $"o{k} AS ({Guarded(current, $"t{before}", $"CASE WHEN {hit} THEN s.ts END AS t{k}{StepValue(k, hit)}", NoStep(k), $"s{k}", $"a.customer_id = s.customer_id AND s.ts > a.t{before}")}),\n");
            current = $"o{k}";
        }
        var excluded = new List<string>();
        for (var i = 0; i < _f.Exclusions.Count; i++)
        {
            var x = _f.Exclusions[i];
            var hit = $"(s.ts IS NOT NULL AND a.t{x.FromStep} IS NOT NULL AND ((a.t{x.ToStep} IS NULL AND s.ts <= {Deadline("a.t0")}) OR s.ts < a.t{x.ToStep}))";
            sb.Append(CultureInfo.InvariantCulture, $"e{i} AS ({Guarded(current, $"t{x.FromStep}", $"{hit} AS ex{i}", $"FALSE AS ex{i}", $"x{i}", $"a.customer_id = s.customer_id AND s.ts > a.t{x.FromStep}")}),\n");
            current = $"e{i}";
            excluded.Add($"ex{i}");
        }
        sb.Append(CultureInfo.InvariantCulture, $"attempts AS (SELECT *, {(excluded.Count == 0 ? "FALSE" : string.Join(" OR ", excluded))} AS excluded FROM {current}),\n");
        return "attempts";
    }

    /// <summary>
    /// The table the mirror keeps that this funnel reads, or null when it reads only the events. Funnels on bare event
    /// types (no property filter on a step or an exclusion) with no breakdown or a segment breakdown read a kept table:
    /// ordered and unordered ones the per-type times (<see cref="TypeTimes"/>), strict ones the numbered timeline
    /// (<see cref="PathTimeline"/>). Neither table holds properties or channels: a channel or property breakdown needs
    /// each attempt's own events, and a property filter would mean listing the matching times per question, which at
    /// 10M events was slower than the ASOF joins when the filter matched most events of its type (2.6 s against 1.5 s).
    /// </summary>
    public string? KeptTable =>
        _f.Breakdown.Kind is not (FunnelBreakdownKind.None or FunnelBreakdownKind.Segment)
        || _f.Steps.Any(s => s.Properties is { Count: > 0 }) || _f.Exclusions.Any(x => x.Properties is { Count: > 0 }) ? null
        : _f.Order == FunnelOrder.Strict ? PathTimeline.TableName : TypeTimes.TableName;

    /// <summary>
    /// Strict attempts from the numbered timeline: step k of a start numbered s is the customer's event numbered s + k
    /// when it is of step k's type and within the window (the timeline numbers by time, then id, as strict order
    /// does). Hash joins on (customer, number) instead of a window over every event; the start's number breaks ties.
    /// </summary>
    private string TimelineAttempts(StringBuilder sb)
    {
        var n = _f.Steps.Count;
        for (var k = 1; k < n; k++)
            sb.Append(CultureInfo.InvariantCulture, $"s{k} AS (SELECT customer_id, seq, ts FROM timeline WHERE type = {P(_f.Steps[k].EventType)}),\n");
        sb.Append(CultureInfo.InvariantCulture, $"""
            a0 AS (SELECT e.customer_id, e.seq AS start_id, e.ts AS t0{(HasBreakdown ? $", {BreakdownValue} AS bv0" : "")}
                   FROM timeline e WHERE e.type = {P(_f.Steps[0].EventType)} AND {InRange("e.ts")}),

            """);
        var current = "a0";
        for (var k = 1; k < n; k++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"r{k} AS ({Guarded(current, $"t{k - 1}", $"CASE WHEN s.ts <= {Deadline("a.t0")} THEN s.ts END AS t{k}", NoStep(k), $"s{k}",
                $"a.customer_id = s.customer_id AND s.seq = a.start_id + {k}", "LEFT JOIN")}),\n");
            current = $"r{k}";
        }
        sb.Append(CultureInfo.InvariantCulture, $"attempts AS (SELECT *, FALSE AS excluded FROM {current}),\n");
        return "attempts";
    }

    /// <summary>Each customer's sorted times of a step's type, as the mirror keeps them.</summary>
    private string TimesOf(string eventType, string column = "ts") => $"SELECT customer_id, ts AS {column} FROM type_times WHERE type = {P(eventType)}";

    /// <summary>
    /// Ordered attempts from per-customer lists: one row per customer with the start times and the times of every later
    /// step and exclusion beside them (hash joins of about one row per customer), then one row per start (unnest, which
    /// keeps them beside their lists). Each step is the first time in its sorted list after the previous step, kept when
    /// within the window (or before the next required step): the event the ASOF join finds, since only an upper bound
    /// is checked after the earliest candidate is taken.
    /// </summary>
    private string ListAttempts(StringBuilder sb)
    {
        var n = _f.Steps.Count;
        for (var k = 0; k < n; k++)
            sb.Append(CultureInfo.InvariantCulture, $"l{k} AS ({TimesOf(_f.Steps[k].EventType)}),\n");
        for (var i = 0; i < _f.Exclusions.Count; i++)
            sb.Append(CultureInfo.InvariantCulture, $"lx{i} AS ({TimesOf(_f.Exclusions[i].EventType)}),\n");
        var lists = Enumerable.Range(1, n - 1).Select(k => (Alias: $"l{k}", Column: $"c{k}"))
            .Concat(Enumerable.Range(0, _f.Exclusions.Count).Select(i => (Alias: $"lx{i}", Column: $"xl{i}"))).ToList();
        var joins = string.Concat(lists.Select(l => $" LEFT JOIN {l.Alias} ON {l.Alias}.customer_id = e.customer_id"));
        var columns = string.Concat(lists.Select(l => $", {l.Alias}.ts AS {l.Column}")) + (HasBreakdown ? $", {BreakdownValue} AS bv0" : "");
        var carried = string.Concat(lists.Select(l => $", {l.Column}")) + (HasBreakdown ? ", bv0" : "");
        // d is the attempt's deadline, computed once per attempt rather than once per list element.
        sb.Append(CultureInfo.InvariantCulture, $"""
            lists AS (SELECT e.customer_id, e.ts AS starts{columns} FROM l0 e{joins}),
            a0 AS (SELECT *, {Deadline("t0")} AS d FROM (SELECT customer_id, unnest(starts) AS t0{carried} FROM lists) WHERE {InRange("t0")}),

            """);
        var current = "a0";
        var prev = 0;
        for (var k = 1; k < n; k++)
        {
            if (_f.Steps[k].Optional) continue;
            current = NextInList(sb, $"r{k}", current, $"c{k}", $"t{prev}", $"CASE WHEN nx <= d THEN nx END AS t{k}");
            prev = k;
        }
        for (var k = 1; k < n; k++)
        {
            if (!_f.Steps[k].Optional) continue;
            var next = Enumerable.Range(k + 1, n - k - 1).First(i => !_f.Steps[i].Optional);
            current = NextInList(sb, $"o{k}", current, $"c{k}", $"t{_f.PreviousRequired(k)}", $"CASE WHEN {BeforeNext(next)} THEN nx END AS t{k}");
        }
        var excluded = new List<string>();
        for (var i = 0; i < _f.Exclusions.Count; i++)
        {
            var x = _f.Exclusions[i];
            current = NextInList(sb, $"e{i}", current, $"xl{i}", $"t{x.FromStep}", $"COALESCE({BeforeNext(x.ToStep)}, FALSE) AS ex{i}");
            excluded.Add($"ex{i}");
        }
        sb.Append(CultureInfo.InvariantCulture, $"attempts AS (SELECT *, {(excluded.Count == 0 ? "FALSE" : string.Join(" OR ", excluded))} AS excluded FROM {current}),\n");
        return "attempts";
    }

    /// <summary>
    /// Adds the CTE <paramref name="name"/>: nx is the first time in <paramref name="list"/> after <paramref name="after"/>
    /// (or at it, <paramref name="orAt"/>; lists are sorted, so the first found is the earliest; NULL when <paramref name="after"/> is), and
    /// <paramref name="column"/> judges it. Returns the CTE's name.
    /// </summary>
    private static string NextInList(StringBuilder sb, string name, string current, string list, string after, string column, bool orAt = false)
    {
        var guard = after is "t0" or "start_ts" ? "" : $"CASE WHEN {after} IS NOT NULL THEN ";
        sb.Append(CultureInfo.InvariantCulture,
            $"{name} AS (SELECT * EXCLUDE (nx), {column} FROM (SELECT *, {guard}list_filter({list}, lambda tt: tt {(orAt ? ">=" : ">")} {after})[1]{(guard.Length > 0 ? " END" : "")} AS nx FROM {current})),\n");
        return name;
    }

    /// <summary>nx is before step <paramref name="next"/> when that was reached, else within the window.</summary>
    private static string BeforeNext(int next) => $"((t{next} IS NULL AND nx <= d) OR nx < t{next})";

    private string StepValue(int k, string reached) => PerStep ? $", CASE WHEN {reached} THEN s.bv END AS bv{k}" : "";

    /// <summary>The columns of step k for attempts that skip its join.</summary>
    private string NoStep(int k) => $"NULL::TIMESTAMP AS t{k}" + (PerStep ? $", NULL::VARCHAR AS bv{k}" : "");

    private string StrictAttempts(StringBuilder sb)
    {
        var n = _f.Steps.Count;
        var flags = string.Join(", ", Enumerable.Range(0, n).Select(k => $"({Match(_f.Steps[k].EventType, _f.Steps[k].Properties, "e.")}) AS m{k}"));
        var leads = string.Join(", ", Enumerable.Range(1, n - 1).Select(k => $"lead(m{k}, {k}) OVER w AS l{k}, lead(ts, {k}) OVER w AS lt{k}" + (PerStep ? $", lead(bval, {k}) OVER w AS lb{k}" : "")));
        sb.Append(CultureInfo.InvariantCulture, $"""
            flagged AS (SELECT e.customer_id, e.id, e.ts, {BreakdownValue} AS bval, {flags} FROM events e
                        WHERE e.customer_id IN (SELECT customer_id FROM events WHERE {Match(_f.Steps[0].EventType, _f.Steps[0].Properties)})),
            led AS (SELECT *, {leads} FROM flagged WINDOW w AS (PARTITION BY customer_id ORDER BY ts, id)),

            """);
        var cols = new StringBuilder("customer_id, id AS start_id, ts AS t0, bval AS bv0, FALSE AS excluded");
        var cond = "TRUE";
        for (var k = 1; k < n; k++)
        {
            cond += $" AND l{k} AND lt{k} <= {Deadline("ts")}";
            cols.Append(CultureInfo.InvariantCulture, $", CASE WHEN {cond} THEN lt{k} END AS t{k}");
            if (PerStep) cols.Append(CultureInfo.InvariantCulture, $", CASE WHEN {cond} THEN lb{k} END AS bv{k}");
        }
        sb.Append(CultureInfo.InvariantCulture, $"attempts AS (SELECT {cols} FROM led WHERE m0 AND {InRange("ts")}),\n");
        return "attempts";
    }

    private string UnorderedAttempts(StringBuilder sb)
    {
        var n = _f.Steps.Count;
        StepTables(sb, Enumerable.Range(0, n));
        var any = string.Join(" OR ", _f.Steps.Select(s => $"({Match(s.EventType, s.Properties, "e.")})"));
        sb.Append(CultureInfo.InvariantCulture, $"u AS (SELECT e.customer_id, {(StartIdMatters ? "e.id AS start_id, " : "")}e.ts AS start_ts, {BreakdownValue} AS start_bv FROM events e WHERE ({any}) AND {InRange("e.ts")}),\n");
        var current = "u";
        for (var k = 0; k < n; k++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"""
                h{k} AS (SELECT a.*, CASE WHEN s.ts <= {Deadline("a.start_ts")} THEN s.ts END AS hit{k}{(PerStep ? $", CASE WHEN s.ts <= {Deadline("a.start_ts")} THEN s.bv END AS hb{k}" : "")}
                         FROM {current} a ASOF LEFT JOIN s{k} s ON a.customer_id = s.customer_id AND s.ts >= a.start_ts),

                """);
            current = $"h{k}";
        }
        SortedHits(sb, current, k => $"hit{k}", k => $"hb{k}", "start_bv", StartIdMatters ? "start_id, " : "");
        return "attempts";
    }

    /// <summary>
    /// Unordered attempts from per-customer lists: every time in any step's list starts an attempt (unnest of their
    /// concatenation); each step's hit is the first time in its list at or after the start, kept within the window.
    /// The start is its own step's hit, so the attempt's first time is the start, and a hash aggregate picks each
    /// customer's attempt (most steps, then earliest start) before the hits of that one attempt alone are sorted.
    /// A customer whose earliest time (in range) starts an attempt reaching every step they ever did skips all that:
    /// no later start reaches more, a tie goes to the earlier start, and that attempt's hits are each list's first
    /// time. That is about half the customers and 40 % of the attempts in the benchmark's store. Their starts unnest
    /// as an empty list rather than being filtered out: with a filter on both readers of split, DuckDB pushes
    /// "NOT x OR x" into it and evaluates the test once more for every customer (8 % of the query).
    /// </summary>
    private string UnorderedListAttempts(StringBuilder sb)
    {
        var n = _f.Steps.Count;
        for (var k = 0; k < n; k++)
            sb.Append(CultureInfo.InvariantCulture, $"l{k} AS ({TimesOf(_f.Steps[k].EventType, $"c{k}")}),\n");
        var joined = "l0" + string.Concat(Enumerable.Range(1, n - 1).Select(k => $" FULL JOIN l{k} USING (customer_id)"));
        var lists = string.Concat(Enumerable.Range(0, n).Select(k => $", c{k}"));
        var first = $"least({string.Join(", ", Enumerable.Range(0, n).Select(k => $"c{k}[1]"))})";
        var everyStepDone = string.Join(" AND ", Enumerable.Range(0, n).Select(k => $"(c{k} IS NULL OR c{k}[1] <= {Deadline("f0")})"));
        sb.Append(CultureInfo.InvariantCulture, $"""
            lists AS (SELECT e.*, {BreakdownValue} AS start_bv FROM (SELECT * FROM {joined}) e),
            firsts AS (SELECT *, {first} AS f0 FROM lists),
            split AS (SELECT *, {everyStepDone} AND {InRange("f0")} AS first_is_best FROM firsts),
            u AS (SELECT *, {Deadline("start_ts")} AS d FROM (SELECT customer_id, unnest(CASE WHEN first_is_best THEN [] ELSE list_concat({string.Join(", ", Enumerable.Range(0, n).Select(k => $"c{k}"))}) END) AS start_ts{lists}, start_bv FROM split)
                  WHERE {InRange("start_ts")}),

            """);
        var current = "u";
        for (var k = 0; k < n; k++)
            current = NextInList(sb, $"h{k}", current, $"c{k}", "start_ts", $"CASE WHEN nx <= d THEN nx END AS hit{k}", orAt: true);
        var hits = string.Join(", ", Enumerable.Range(0, n).Select(k => $"hit{k} := hit{k}"));
        var reached = string.Join(" + ", Enumerable.Range(0, n).Select(k => $"(hit{k} IS NOT NULL)::INT"));
        var firstHits = string.Join(", ", Enumerable.Range(0, n).Select(k => $"hit{k} := c{k}[1]"));
        sb.Append(CultureInfo.InvariantCulture, $"""
            uchosen AS (SELECT customer_id, arg_min(struct_pack({hits}, start_bv := start_bv), (-({reached}), start_ts)) AS b FROM {current} GROUP BY customer_id
              UNION ALL SELECT customer_id, struct_pack({firstHits}, start_bv := start_bv) FROM split WHERE first_is_best),

            """);
        _chosenPerCustomer = true;
        SortedHits(sb, "uchosen", k => $"b.hit{k}", _ => "", "b.start_bv", "");
        return "attempts";
    }

    /// <summary>
    /// The attempts of unordered hits (<paramref name="hit"/>, with <paramref name="value"/> when values are attributed):
    /// sorted by time, then step, as the reference sorts them; t{k} is the k-th hit.
    /// </summary>
    private void SortedHits(StringBuilder sb, string current, Func<int, string> hit, Func<int, string> value, string startValue, string startId)
    {
        var n = _f.Steps.Count;
        var hits = string.Join(", ", Enumerable.Range(0, n).Select(k => $"{{'ts': {hit(k)}, 'step': {k}{(PerStep ? $", 'bv': {value(k)}" : "")}}}"));
        var times = string.Join(", ", Enumerable.Range(0, n).Select(k => $"sorted[{k + 1}].ts AS t{k}" + (PerStep ? $", sorted[{k + 1}].bv AS bv{k}" : "")));
        sb.Append(CultureInfo.InvariantCulture, $"""
            sorted AS (SELECT customer_id, {startId}{startValue} AS start_bv, list_sort(list_filter([{hits}], lambda x: x.ts IS NOT NULL)) AS sorted FROM {current}),
            attempts AS (SELECT customer_id, {startId}FALSE AS excluded, {times}{(PerStep ? "" : ", start_bv AS bv0")}, start_bv FROM sorted),

            """);
    }
}
