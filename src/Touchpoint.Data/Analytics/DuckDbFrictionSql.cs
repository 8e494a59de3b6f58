using System.Globalization;
using System.Text;
using Touchpoint.Domain.Journeys.Friction;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// Writes the DuckDB SQL that measures every friction condition × outcome with the meaning of
/// <see cref="FrictionRules"/> and <see cref="FrictionAnalysis"/>, in two parts. <see cref="Rows"/> gives one row per
/// exposure (condition k, customer, affected, moment) with what its outcomes need: the customer's last event (churn),
/// the first NPS and CSAT answer after the moment, and the revenue in the window after it. Each row depends on that
/// customer's events and answers only, so the rows are kept in the mirror and recomputed per changed customer
/// (<see cref="FrictionFacts"/>). <see cref="Aggregate"/> turns them into one row per condition × group with the
/// sufficient statistics of each outcome; it applies what depends on the whole store (its last event time, so the
/// churn and revenue cut-offs), which is why those are not in the rows. Exposures come from a few grouped scans (first
/// and second time of each type per customer, deliveries with days late, contacts with what they were about).
/// Values travel as parameters ($p0, $p1, ...).
/// </summary>
public sealed class DuckDbFrictionSql(IReadOnlyList<FrictionCondition> conditions, FrictionOptions options)
{
    private readonly List<object> _parameters = [];

    public IReadOnlyList<object> Parameters => _parameters;

    /// <summary>Result columns per outcome, in <see cref="FrictionOutcome"/> order, after k, affected, exposures, customers and end.</summary>
    public const int ColumnsPerOutcome = 5;
    public const int FirstOutcomeColumn = 5;

    /// <summary>Rows with this k mark each customer who has events (with the first event as moment): the customers count.</summary>
    public const int PresenceRow = -1;

    /// <summary>The columns of <see cref="Rows"/>, in order, as the mirror's friction_rows keeps them after set_id.</summary>
    public const string RowColumns = "k INTEGER, customer_id BIGINT, affected BOOLEAN, moment TIMESTAMP, last_ts TIMESTAMP, nps DOUBLE, csat DOUBLE, spent DOUBLE";
    public const string RowNames = "k, customer_id, affected, moment, last_ts, nps, csat, spent";

    private string P(string value)
    {
        _parameters.Add(value);
        return "$p" + (_parameters.Count - 1).ToString(CultureInfo.InvariantCulture);
    }

    private string List(IEnumerable<string> values) => string.Join(", ", values.Distinct().Select(v => P(v)));

    private static string Days(double days) => $"INTERVAL ({(long)Math.Round(days * 86_400_000_000d)}) MICROSECOND";

    /// <summary>
    /// The exposure rows, reading events from <paramref name="events"/> and answers from <paramref name="answers"/>
    /// (the mirror's tables, or temporary tables holding only the customers to recompute).
    /// </summary>
    public string Rows(string events = "events", string answers = "answers")
    {
        var firstTypes = conditions.Select(c => c.Rule).SelectMany(r => r switch
        {
            HadTouchpoint t => [t.Type],
            OverTarget t => t.FromTypes.Concat(t.ToTypes),
            _ => Array.Empty<string>(),
        }).Distinct().ToList();
        var repeatedTypes = conditions.Select(c => c.Rule).OfType<RepeatedStep>().Select(r => r.Type).Distinct().ToList();
        var sb = new StringBuilder($"""
            WITH span AS (SELECT customer_id, min(ts) AS first_ts, max(ts) AS last_ts FROM {events} GROUP BY customer_id),
            said AS (SELECT customer_id, list_sort(list(struct_pack(ts := ts, id := id, scale := scale, score := score))) AS said FROM {answers} GROUP BY customer_id),
            spent AS (SELECT customer_id, list(struct_pack(ts := ts, value := value)) AS spent FROM {events} WHERE value IS NOT NULL GROUP BY customer_id),
            cust AS (SELECT c.customer_id, c.first_ts, c.last_ts, s.said, v.spent
                     FROM span c LEFT JOIN said s ON s.customer_id = c.customer_id LEFT JOIN spent v ON v.customer_id = c.customer_id),
            ft AS (SELECT customer_id, type, min(ts) AS t1 FROM {events} WHERE {In("type", firstTypes)} GROUP BY customer_id, type),
            f2 AS (SELECT customer_id, type, min(ts, 2) AS firsts FROM {events} WHERE {In("type", repeatedTypes)} GROUP BY customer_id, type),

            """);
        var parts = new List<string>();
        for (var k = 0; k < conditions.Count; k++)
        {
            var rule = conditions[k].Rule;
            // Every exposure row carries what its outcomes need from the customer: the last event (churn), the answers
            // (NPS, CSAT) and the valued events (revenue), the last two as short lists.
            var part = rule is HadTouchpoint ? Exposures(k, rule, events)
                : $"SELECT q.k, q.customer_id, q.affected, q.moment, c.last_ts, c.said, c.spent FROM ({Exposures(k, rule, events)}) q JOIN cust c ON c.customer_id = q.customer_id";
            sb.Append(CultureInfo.InvariantCulture, $"x{k} AS ({part}),\n");
            parts.Add($"SELECT * FROM x{k}");
        }
        var exposures = parts.Count == 0 ? "SELECT 0 AS k, 0::BIGINT AS customer_id, FALSE AS affected, NULL::TIMESTAMP AS moment, NULL::TIMESTAMP AS last_ts, NULL AS said, NULL AS spent WHERE FALSE" : string.Join(" UNION ALL ", parts);
        // Outcomes come from each exposure row's own lists: the first answer of each scale after the moment (the list is
        // sorted by time, then id, as the reference breaks ties), the values in the window after it. No join back: a
        // customer's answers and valued events are few, and most customers have none (the CASE skips their lists).
        sb.Append(CultureInfo.InvariantCulture, $"""
            x AS ({exposures}),
            firsts AS (SELECT k, customer_id, affected, moment, last_ts,
                         CASE WHEN said IS NOT NULL THEN list_filter(said, lambda a: a.scale = {(int)AnswerScale.Nps} AND a.ts > moment)[1].score END AS nps_score,
                         CASE WHEN said IS NOT NULL THEN list_filter(said, lambda a: a.scale = {(int)AnswerScale.Csat} AND a.ts > moment)[1].score END AS csat_score,
                         CASE WHEN spent IS NOT NULL THEN list_sum(list_transform(list_filter(spent, lambda v: v.ts > moment AND v.ts <= moment + {Days(options.RevenueDays)}), lambda v: v.value)) END AS spent_after
                       FROM x)
            SELECT k, customer_id, affected, moment, last_ts,
              CASE WHEN nps_score BETWEEN 9 AND 10 THEN 100.0 WHEN nps_score BETWEEN 7 AND 8 THEN 0.0 WHEN nps_score BETWEEN 0 AND 6 THEN -100.0 END AS nps,
              CASE WHEN csat_score BETWEEN 4 AND 5 THEN 1.0 WHEN csat_score BETWEEN 1 AND 3 THEN 0.0 END AS csat,
              coalesce(spent_after, 0)::DOUBLE AS spent
            FROM firsts
            UNION ALL SELECT {PresenceRow}, customer_id, FALSE, first_ts, last_ts, NULL, NULL, NULL FROM span
            """);
        return sb.ToString();
    }

    /// <summary>
    /// One row per condition × group from the exposure rows in <paramref name="rows"/> (friction_rows of one set, or
    /// <see cref="Rows"/> itself), with the last event time of the whole mirror: exposures after it are left out, churn
    /// and revenue are measured only where their window has closed.
    /// </summary>
    public string Aggregate(string rows)
    {
        // The rows are named twice rather than shared through a CTE, which DuckDB would materialise (10M rows copied).
        // Examples are kept for the affected group only: the others' are never shown.
        var sb = new StringBuilder($"""
            WITH bounds AS (SELECT max(ts) AS end_ts, max(ts) - {Days(options.ChurnDays)} AS churn_cut, max(ts) - {Days(options.RevenueDays)} AS revenue_cut FROM events),
            xo AS (
              SELECT k, customer_id, affected, nps, csat,
                CASE WHEN moment <= b.churn_cut THEN CASE WHEN last_ts < b.churn_cut THEN 1.0 ELSE 0.0 END END AS churn,
                CASE WHEN moment <= b.revenue_cut THEN spent END AS revenue
              FROM ({rows}) r CROSS JOIN bounds b WHERE k <> {PresenceRow} AND moment <= b.end_ts)
            SELECT k, affected, count(*), (SELECT count(*) FROM ({rows}) p WHERE p.k = {PresenceRow}), (SELECT end_ts FROM bounds)
            """);
        foreach (var o in new[] { "nps", "csat", "churn", "revenue" })
            sb.Append(CultureInfo.InvariantCulture,
                $", count({o}), avg({o}), var_samp({o}), count(*) FILTER (WHERE {o} > 0.5), min(customer_id, {Math.Max(options.Examples, 1)}) FILTER (WHERE affected AND {o} IS NOT NULL)");
        sb.Append(" FROM xo GROUP BY k, affected ORDER BY k, affected");
        return sb.ToString();
    }

    private string In(string column, IReadOnlyList<string> values) => values.Count == 0 ? "FALSE" : $"{column} IN ({List(values)})";

    private string Exposures(int k, FrictionRule rule, string events) => rule switch
    {
        HadTouchpoint r => $"""
            SELECT {k} AS k, c.customer_id, f.customer_id IS NOT NULL AS affected, coalesce(f.t1, c.first_ts) AS moment, c.last_ts, c.said, c.spent
            FROM cust c LEFT JOIN ft f ON f.customer_id = c.customer_id AND f.type = {P(r.Type)}
            """,
        RepeatedStep r => $"SELECT {k} AS k, customer_id, len(firsts) > 1 AS affected, firsts[len(firsts)] AS moment FROM f2 WHERE type = {P(r.Type)}",
        OverTarget r => $"""
            SELECT {k} AS k, customer_id, NOT coalesce(t <= dl, FALSE) AS affected, CASE WHEN t <= dl THEN t ELSE dl END AS moment
            FROM (SELECT customer_id, f + {Days(r.MaxDays)} AS dl, t
                  FROM (SELECT customer_id, min(t1) FILTER (WHERE type IN ({List(r.FromTypes)})) AS f,
                               min(t1) FILTER (WHERE type IN ({List(r.ToTypes)})) AS t
                        FROM ft GROUP BY customer_id)
                  WHERE f IS NOT NULL)
            """,
        // Days late counts only as a JSON number, as the reference reads it.
        PromiseMissed => $"""
            SELECT {k} AS k, customer_id, late IS NOT NULL AS affected, coalesce(late, first_at) AS moment
            FROM (SELECT customer_id, min(ts) FILTER (WHERE CAST(json_extract(properties, '$.days_late') AS DOUBLE) > 0) AS late, min(ts) AS first_at
                  FROM {events}
                  WHERE type = 'order.delivered' AND json_type(properties, '$.days_late') IN ('BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE')
                  GROUP BY customer_id)
            """,
        // About: the topic when it is a string, else the order id when present; a second contact about the same thing repeats.
        RepeatContact r => $"""
            SELECT {k} AS k, customer_id, rep IS NOT NULL AS affected, coalesce(rep, first_at) AS moment
            FROM (SELECT customer_id, min(ts) AS first_at, min(ts) FILTER (WHERE rn > 1 AND about <> '') AS rep
                  FROM (SELECT customer_id, ts, row_number() OVER (PARTITION BY customer_id, about ORDER BY ts, id) AS rn, about
                        FROM (SELECT customer_id, ts, id,
                                CASE WHEN json_type(properties, '$.topic') = 'VARCHAR' THEN json_extract_string(properties, '$.topic')
                                     WHEN json_type(properties, '$.order_id') <> 'NULL' THEN json_extract_string(properties, '$.order_id') END AS about
                              FROM {events} WHERE type = {P(r.ContactType)}))
                  GROUP BY customer_id)
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown friction rule"),
    };
}
