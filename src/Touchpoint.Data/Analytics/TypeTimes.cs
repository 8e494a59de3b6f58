using System.Globalization;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// Keeps, per customer and event type, the sorted list of the times that customer had an event of that type (table
/// type_times). An ordered funnel reads it: each customer's row of each step type is joined once (a hash join of about
/// one row per customer), and the next step after each attempt is found in the customer's short list, with no sort or
/// ASOF join of the events at question time (<see cref="DuckDbFunnelSql"/>). This is how PostHog answers funnels over
/// per-person arrays, kept here instead of built per question.
/// </summary>
public sealed class TypeTimes(AnalyticsMirror mirror) : KeptCustomerTable(mirror)
{
    public const string TableName = "type_times";

    /// <summary>Events grouped in one statement at most; more are grouped by customer buckets, so the lists fit the memory limit.</summary>
    private const long EventsPerStatement = 4_000_000;

    public override string Name => TableName;

    protected override string Fill(string eventsWhere, long events)
    {
        var buckets = Math.Max(1, (int)Math.Ceiling(events / (double)EventsPerStatement));
        var select = "INSERT INTO type_times SELECT customer_id, type, list(ts ORDER BY ts) FROM events";
        if (buckets == 1) return $"{select} {eventsWhere} GROUP BY customer_id, type;";
        var where = eventsWhere.Length == 0 ? "WHERE" : eventsWhere + " AND";
        return string.Concat(Enumerable.Range(0, buckets).Select(b =>
            string.Create(CultureInfo.InvariantCulture, $"{select} {where} hash(customer_id) % {buckets} = {b} GROUP BY customer_id, type;\n")));
    }
}
