using Touchpoint.Domain.Journeys.Analytics;

namespace Touchpoint.Web.Features.Journeys.Paths;

/// <summary>One row of the paths table: at step <see cref="Level"/>, customers who went from one type to the next.</summary>
public sealed record PathRow(int Level, string From, string To, long Customers, double ShareOfStep)
{
    public bool IsDropOff => To == PathQuery.End;
}

/// <summary>
/// The path transitions as a Sankey: one node per (step, event type), with every "(end)" flowing into a single
/// "drop-off" node, so where customers stop is visible at a glance. Plain data, the page only hands it to Plotly.
/// </summary>
public sealed class PathDiagram
{
    public const string DropOff = "drop-off";

    public IReadOnlyList<string> Labels { get; }
    public IReadOnlyList<string> NodeColors { get; }
    public IReadOnlyList<int> Sources { get; }
    public IReadOnlyList<int> Targets { get; }
    public IReadOnlyList<long> Values { get; }
    public IReadOnlyList<PathRow> Rows { get; }

    public bool IsEmpty => Rows.Count == 0;

    public PathDiagram(IReadOnlyList<PathTransition> transitions)
    {
        var index = new Dictionary<(int Level, string Type), int>();
        var labels = new List<string>();
        var colors = new List<string>();
        int Node(int level, string type)
        {
            var key = type == PathQuery.End ? (0, DropOff) : (level, type);
            if (index.TryGetValue(key, out var i)) return i;
            index[key] = labels.Count;
            labels.Add(type == PathQuery.End ? DropOff : type);
            colors.Add(type == PathQuery.End ? "#e57373" : level == 1 ? "#1f4e79" : "#4f81bd");
            return labels.Count - 1;
        }

        var sources = new List<int>();
        var targets = new List<int>();
        var values = new List<long>();
        var ordered = transitions.OrderBy(t => t.Level).ThenByDescending(t => t.Customers).ThenBy(t => t.From, StringComparer.Ordinal).ThenBy(t => t.To, StringComparer.Ordinal).ToList();
        foreach (var t in ordered)
        {
            sources.Add(Node(t.Level, t.From));
            targets.Add(Node(t.Level + 1, t.To));
            values.Add(t.Customers);
        }

        var stepTotals = ordered.GroupBy(t => (t.Level, t.From)).ToDictionary(g => g.Key, g => g.Sum(t => t.Customers));
        Rows = ordered.Select(t => new PathRow(t.Level, t.From, t.To, t.Customers,
            stepTotals[(t.Level, t.From)] is > 0 and var total ? (double)t.Customers / total : 0)).ToList();
        Labels = labels;
        NodeColors = colors;
        Sources = sources;
        Targets = targets;
        Values = values;
    }
}
