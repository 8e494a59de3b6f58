namespace Touchpoint.Data.Analytics;

/// <summary>
/// Keeps each customer's events numbered in time order (then id) in the mirror's timeline table, so a path question
/// takes the few events after each customer's start by number instead of sorting every event after it. A late event
/// shifts the numbers after it and a merge joins two timelines, so changed customers are renumbered whole.
/// </summary>
public sealed class PathTimeline(AnalyticsMirror mirror) : KeptCustomerTable(mirror)
{
    public const string TableName = "timeline";

    public override string Name => TableName;

    protected override string Fill(string eventsWhere, long events) =>
        $"INSERT INTO timeline SELECT customer_id, row_number() OVER (PARTITION BY customer_id ORDER BY ts, id)::INTEGER, ts, type FROM events {eventsWhere};";
}
