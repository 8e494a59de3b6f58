using System.Globalization;
using Touchpoint.Domain.Journeys.Analytics;

namespace Touchpoint.Web.Features.Journeys.Cohorts;

/// <summary>One cohort row: its start, size and, per period, the active count (null when the period has not begun).</summary>
public sealed record CohortRow(DateOnly Start, string Label, long Size, IReadOnlyList<long?> Active)
{
    public double? Retained(int period) => Active[period] is { } a && Size > 0 ? (double)a / Size : null;
}

/// <summary>Churn from one period to the next, over the cohorts that have reached the later period.</summary>
public sealed record ChurnRow(int Period, int Cohorts, long ActiveBefore, long Active)
{
    public double? Rate => ActiveBefore > 0 ? 1 - (double)Active / ActiveBefore : null;
}

/// <summary>
/// The retention triangle: cohorts as rows, periods since first touch as columns. A cell whose period starts after
/// the data horizon is left empty (not zero), which is what makes the triangle. The horizon is <c>today</c>, or the
/// last period with any activity when the events stop earlier (an import or the demo company), so a period with no
/// data yet is not drawn as 0% retained. Churn for period p is
/// 1 − active(p) / active(p−1), summed over the cohorts that have reached period p.
/// </summary>
public sealed class RetentionGrid
{
    public CohortPeriod Period { get; }
    public int Periods { get; }
    public IReadOnlyList<CohortRow> Rows { get; }
    public IReadOnlyList<ChurnRow> Churn { get; }
    public bool IsEmpty => Rows.Count == 0;

    public RetentionGrid(IReadOnlyList<CohortCell> cells, CohortPeriod period, int periods, DateOnly today)
    {
        Period = period;
        Periods = periods;
        var lastActive = cells.Where(c => c.Active > 0).Select(c => PeriodStart(c.CohortStart, c.Period)).DefaultIfEmpty(today).Max();
        var horizon = lastActive < today ? lastActive : today;
        Rows = cells.GroupBy(c => c.CohortStart).OrderBy(g => g.Key).Select(g =>
        {
            var active = new long?[periods];
            foreach (var c in g.Where(c => c.Period >= 0 && c.Period < periods))
                active[c.Period] = PeriodStart(g.Key, c.Period) <= horizon ? c.Active : null;
            return new CohortRow(g.Key, Label(g.Key), g.First().CohortSize, active);
        }).ToList();
        Churn = Enumerable.Range(1, Math.Max(0, periods - 1)).Select(p =>
        {
            var reached = Rows.Where(r => r.Active[p] is not null && r.Active[p - 1] is not null).ToList();
            return new ChurnRow(p, reached.Count, reached.Sum(r => r.Active[p - 1]!.Value), reached.Sum(r => r.Active[p]!.Value));
        }).Where(c => c.Cohorts > 0).ToList();
    }

    public string PeriodName(int p) => (Period == CohortPeriod.Week ? "Week " : "Month ") + p.ToString(CultureInfo.InvariantCulture);

    private DateOnly PeriodStart(DateOnly cohort, int p) => Period == CohortPeriod.Week ? cohort.AddDays(7 * p) : cohort.AddMonths(p);

    private string Label(DateOnly start) => Period == CohortPeriod.Week
        ? start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
