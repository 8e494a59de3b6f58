using System.Globalization;

namespace Touchpoint.Data.Analytics;

/// <summary>
/// Keeps, per customer and event type, the sorted list of the times that customer had an event of that type (table
/// type_times). Ordered and unordered funnels read it: each customer's row of each step type is joined once (a hash join of about
/// one row per customer), and the next step after each attempt is found in the customer's short list, with no sort or
/// ASOF join of the events at question time (<see cref="DuckDbFunnelSql"/>). This is how PostHog answers funnels over
/// per-person arrays, kept here instead of built per question.
/// </summary>
public sealed class TypeTimes(AnalyticsMirror mirror, AnalyticsOptions options) : KeptCustomerTable(mirror)
{
    public const string TableName = "type_times";

    public override string Name => TableName;

    protected override string Fill(string eventsWhere, long events)
    {
        // At most ListEventsPerStatement events per statement: more are grouped by customer buckets, so the lists fit the memory limit.
        var buckets = Math.Max(1, (int)Math.Ceiling(events / (double)Math.Max(1, options.ListEventsPerStatement)));
        var select = "INSERT INTO type_times SELECT customer_id, type, list(ts ORDER BY ts) FROM events";
        if (buckets == 1) return $"{select} {eventsWhere} GROUP BY customer_id, type;";
        var where = eventsWhere.Length == 0 ? "WHERE" : eventsWhere + " AND";
        return string.Concat(Enumerable.Range(0, buckets).Select(b =>
            string.Create(CultureInfo.InvariantCulture, $"{select} {where} hash(customer_id) % {buckets} = {b} GROUP BY customer_id, type;\n")));
    }
}
