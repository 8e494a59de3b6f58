namespace Touchpoint.Bench.Analytics;

/// <summary>
/// The three benchmark questions written by hand for each engine, the way an analyst would: a 3-step ordered
/// funnel within 7 days (counts per step), the next event after each customer's first cart, and monthly
/// first-touch cohorts active over 6 months. Each returns one number as a check that the engines agree.
/// Row stores get correlated lookups (they have indexes on customer and time); DuckDB gets joins.
/// </summary>
public static class HandWrittenSql
{
    public const string V = "'site.visited'", C = "'cart.created'", O = "'order.placed'";

    // ---- Funnel: each visit is an attempt; a customer counts by the attempt that gets furthest. Check = step 3 count.
    public static string FunnelRowStore(bool postgres)
    {
        var deadline = postgres ? "v.occurred_at_utc + interval '7 days'" : "datetime(v.occurred_at_utc, '+7 days')";
        var deadline2 = postgres ? "a.t0 + interval '7 days'" : "datetime(a.t0, '+7 days')";
        return $"""
            WITH a AS (
              SELECT v.customer_id, v.occurred_at_utc AS t0,
                (SELECT min(c.occurred_at_utc) FROM touchpoint_events c WHERE c.customer_id = v.customer_id AND c.type = {C}
                   AND c.occurred_at_utc > v.occurred_at_utc AND c.occurred_at_utc <= {deadline}) AS t1
              FROM touchpoint_events v WHERE v.type = {V}),
            b AS (
              SELECT a.customer_id, a.t1,
                (SELECT min(o.occurred_at_utc) FROM touchpoint_events o WHERE o.customer_id = a.customer_id AND o.type = {O}
                   AND o.occurred_at_utc > a.t1 AND o.occurred_at_utc <= {deadline2}) AS t2
              FROM a),
            best AS (SELECT customer_id, max(CASE WHEN t2 IS NOT NULL THEN 3 WHEN t1 IS NOT NULL THEN 2 ELSE 1 END) AS reached FROM b GROUP BY customer_id)
            SELECT sum(CASE WHEN reached >= 3 THEN 1 ELSE 0 END) FROM best
            """;
    }

    public const string FunnelDuckDb = $"""
        WITH v AS (SELECT customer_id, ts FROM events WHERE type = {V}),
        c AS (SELECT customer_id, ts FROM events WHERE type = {C}),
        o AS (SELECT customer_id, ts FROM events WHERE type = {O}),
        a AS (SELECT v.customer_id, v.ts AS t0, min(c.ts) AS t1 FROM v LEFT JOIN c
              ON c.customer_id = v.customer_id AND c.ts > v.ts AND c.ts <= v.ts + INTERVAL 7 DAY GROUP BY ALL),
        b AS (SELECT a.customer_id, a.t1, min(o.ts) AS t2 FROM a LEFT JOIN o
              ON o.customer_id = a.customer_id AND o.ts > a.t1 AND o.ts <= a.t0 + INTERVAL 7 DAY GROUP BY ALL),
        best AS (SELECT customer_id, max(CASE WHEN t2 IS NOT NULL THEN 3 WHEN t1 IS NOT NULL THEN 2 ELSE 1 END) AS reached FROM b GROUP BY ALL)
        SELECT count(*) FILTER (WHERE reached >= 3) FROM best
        """;

    // ---- Strict funnel: visit, then help view as the very next event, then cart as the one after, within 7 days. Check = step 3 count.
    public const string StrictFunnelDuckDb = $"""
        WITH e AS (SELECT customer_id, type, ts, lead(type, 1) OVER w AS n1, lead(ts, 1) OVER w AS t1, lead(type, 2) OVER w AS n2, lead(ts, 2) OVER w AS t2
                   FROM events WINDOW w AS (PARTITION BY customer_id ORDER BY ts, id)),
        a AS (SELECT customer_id, CASE WHEN n1 = 'help.viewed' AND t1 <= ts + INTERVAL 7 DAY
                                       THEN CASE WHEN n2 = {C} AND t2 <= ts + INTERVAL 7 DAY THEN 3 ELSE 2 END ELSE 1 END AS reached
              FROM e WHERE type = {V}),
        best AS (SELECT customer_id, max(reached) AS reached FROM a GROUP BY ALL)
        SELECT count(*) FILTER (WHERE reached >= 3) FROM best
        """;

    // ---- Funnel in any order: every visit, cart or order starts an attempt; its steps are the types seen within 7 days
    // (flags, not count(DISTINCT type): a DISTINCT aggregate cannot spill and ran out of 1 GB at 10M). Check = step 3 count.
    public const string AnyOrderFunnelDuckDb = $"""
        WITH s AS (SELECT customer_id, ts, type FROM events WHERE type IN ({V}, {C}, {O})),
        a AS (SELECT a.customer_id, a.ts, bool_or(b.type = {V})::INT + bool_or(b.type = {C})::INT + bool_or(b.type = {O})::INT AS reached
              FROM s a JOIN s b ON b.customer_id = a.customer_id AND b.ts >= a.ts AND b.ts <= a.ts + INTERVAL 7 DAY GROUP BY a.customer_id, a.ts),
        best AS (SELECT customer_id, max(reached) AS reached FROM a GROUP BY ALL)
        SELECT count(*) FILTER (WHERE reached >= 3) FROM best
        """;

    // ---- Paths: the event right after each customer's first cart ("(end)" when none). Check = customers with an order next.
    public const string PathRowStore = $"""
        WITH f AS (SELECT customer_id, min(occurred_at_utc) AS t FROM touchpoint_events WHERE type = {C} GROUP BY customer_id),
        n AS (SELECT f.customer_id, COALESCE((SELECT e.type FROM touchpoint_events e WHERE e.customer_id = f.customer_id AND e.occurred_at_utc > f.t
                                             ORDER BY e.occurred_at_utc, e.id LIMIT 1), '(end)') AS next_type FROM f)
        SELECT count(*) FROM n WHERE next_type = {O}
        """;

    public const string PathDuckDb = $"""
        WITH f AS (SELECT customer_id, min(ts) AS t FROM events WHERE type = {C} GROUP BY ALL),
        n AS (SELECT f.customer_id, COALESCE(arg_min(e.type, e.ts), '(end)') AS next_type FROM f
              LEFT JOIN events e ON e.customer_id = f.customer_id AND e.ts > f.t GROUP BY ALL)
        SELECT count(*) FROM n WHERE next_type = {O}
        """;

    // ---- Cohorts: first-touch month x months since, 6 periods. Check = sum of active cells.
    public static string CohortRowStore(bool postgres)
    {
        var month = postgres
            ? "(extract(year FROM {0})::int * 12 + extract(month FROM {0})::int)"
            : "(CAST(substr({0}, 1, 4) AS INTEGER) * 12 + CAST(substr({0}, 6, 2) AS INTEGER))";
        return $"""
            WITH f AS (SELECT customer_id, {string.Format(System.Globalization.CultureInfo.InvariantCulture, month, "min(occurred_at_utc)")} AS m FROM touchpoint_events GROUP BY customer_id),
            a AS (SELECT DISTINCT customer_id, {string.Format(System.Globalization.CultureInfo.InvariantCulture, month, "occurred_at_utc")} AS m FROM touchpoint_events),
            cells AS (SELECT f.m AS cohort, a.m - f.m AS period, count(*) AS active FROM f JOIN a ON a.customer_id = f.customer_id
                      WHERE a.m - f.m BETWEEN 0 AND 5 GROUP BY f.m, a.m - f.m)
            SELECT sum(active) FROM cells
            """;
    }

    public const string CohortDuckDb = """
        WITH f AS (SELECT customer_id, date_trunc('month', min(ts)) AS m FROM events GROUP BY ALL),
        a AS (SELECT DISTINCT customer_id, date_trunc('month', ts) AS m FROM events),
        cells AS (SELECT f.m, date_diff('month', f.m, a.m) AS period, count(*) AS active FROM f JOIN a USING (customer_id)
                  WHERE date_diff('month', f.m, a.m) BETWEEN 0 AND 5 GROUP BY ALL)
        SELECT sum(active) FROM cells
        """;
}
