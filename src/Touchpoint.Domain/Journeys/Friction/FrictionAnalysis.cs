using Touchpoint.Domain.Voice;

namespace Touchpoint.Domain.Journeys.Friction;

/// <summary>
/// The effect of one condition on one outcome. Values are per group: NPS (−100..100), CSAT and churn in percent,
/// revenue as the mean per customer. <see cref="Effect"/> is affected minus the others in the same units (NPS points,
/// percentage points, money), with a 95% interval; null when a group is smaller than the minimum.
/// <see cref="Impact"/> = affected customers × effect, signed so that negative is worse for customers (for churn,
/// more churn is worse): friction points have a negative impact, defining moments a positive one.
/// </summary>
public sealed record FrictionFinding(
    string Key, string Label, FrictionKind Kind, long OwnerTeamId, FrictionOutcome Outcome,
    int Affected, int Others, int AffectedMeasured, int OthersMeasured,
    double? AffectedValue, double? OthersValue, Effect? Effect, double Impact,
    IReadOnlyList<long> ExampleCustomerIds)
{
    /// <summary>Worse for customers, and the interval says so.</summary>
    public bool IsFriction => Effect is { ExcludesZero: true } && Impact < 0;

    /// <summary>Better for customers, and the interval says so: a defining moment worth amplifying.</summary>
    public bool IsDefiningMoment => Effect is { ExcludesZero: true } && Impact > 0;
}

/// <summary>
/// One group's outcome values, as the sufficient statistics the intervals need: how many were measured, their mean
/// and sample variance (NPS points, money), and how many were successes (a satisfied answer, a churned customer).
/// </summary>
public readonly record struct OutcomeGroup(int Measured, double Mean, double Variance, int Successes)
{
    public static OutcomeGroup Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return default;
        var mean = values.Average();
        var ss = 0.0;
        foreach (var v in values) ss += (v - mean) * (v - mean);
        return new(values.Count, mean, values.Count > 1 ? ss / (values.Count - 1) : 0, values.Count(v => v > 0.5));
    }
}

/// <summary>
/// What an engine measures for one condition × outcome: exposures in each group (measured or not), the two groups'
/// outcome statistics, and example affected customers (the lowest ids with a measured outcome).
/// </summary>
public sealed record FrictionMeasure(int Affected, int Others, OutcomeGroup AffectedGroup, OutcomeGroup OthersGroup, IReadOnlyList<long> Examples);

/// <summary>
/// Friction analysis (docs/friction.md): for every condition, the customers it affected against the customers it could
/// have affected but did not, compared on what they said and did after the moment. An observational comparison:
/// it ranks where to look, it does not prove cause. <see cref="Run"/> is the in-memory reference; engines measure
/// the same <see cref="FrictionMeasure"/> over their own store and share <see cref="Finding"/> for the statistics.
/// </summary>
public static class FrictionAnalysis
{
    /// <summary>All findings, every condition × outcome, ranked from the most harmful impact to the most helpful.</summary>
    public static IReadOnlyList<FrictionFinding> Run(IReadOnlyList<FrictionCustomer> customers, IReadOnlyList<FrictionCondition> conditions, DateTime endUtc, FrictionOptions options)
    {
        var prepared = customers.OrderBy(c => c.CustomerId).Select(c => new Prepared(c,
            c.Events.Count == 0 ? null : c.Events.Max(e => e.AtUtc),
            c.Answers.OrderBy(a => a.AtUtc).ToList(),
            c.Events.Where(e => e.Value is not null).OrderBy(e => e.AtUtc).ToList())).ToList();
        var findings = new List<FrictionFinding>();
        foreach (var condition in conditions)
        {
            var exposures = new List<(Prepared P, Exposure E)>();
            foreach (var p in prepared)
                if (condition.Expose(p.Customer) is { } e && e.AtUtc <= endUtc) exposures.Add((p, e));
            foreach (var outcome in Enum.GetValues<FrictionOutcome>())
                findings.Add(Finding(condition, outcome, Measure(outcome, exposures, endUtc, options), options));
        }
        return Rank(findings);
    }

    public static IReadOnlyList<FrictionFinding> Rank(IEnumerable<FrictionFinding> findings) =>
        findings.OrderBy(f => f.Impact).ThenBy(f => f.Key, StringComparer.Ordinal).ThenBy(f => f.Outcome).ToList();

    private sealed record Prepared(FrictionCustomer Customer, DateTime? LastEventUtc, List<FrictionAnswer> Answers, List<FrictionEvent> Valued);

    private static FrictionMeasure Measure(FrictionOutcome outcome, List<(Prepared P, Exposure E)> exposures, DateTime end, FrictionOptions o)
    {
        var affected = new List<double>();
        var others = new List<double>();
        var examples = new List<long>();
        foreach (var (p, e) in exposures)
        {
            if (Value(p, e.AtUtc, outcome, end, o) is not { } v) continue;
            (e.Affected ? affected : others).Add(v);
            if (e.Affected && examples.Count < o.Examples) examples.Add(p.Customer.CustomerId);
        }
        var affectedCount = exposures.Count(x => x.E.Affected);
        return new FrictionMeasure(affectedCount, exposures.Count - affectedCount, OutcomeGroup.Of(affected), OutcomeGroup.Of(others), examples);
    }

    /// <summary>The finding of one condition × outcome from its measure: group values, effect with interval, impact.</summary>
    public static FrictionFinding Finding(FrictionCondition c, FrictionOutcome outcome, FrictionMeasure m, FrictionOptions o)
    {
        var (a, b) = (m.AffectedGroup, m.OthersGroup);
        var proportion = outcome is FrictionOutcome.Csat or FrictionOutcome.Churn;
        Effect? effect = null;
        if (a.Measured >= o.MinGroup && b.Measured >= o.MinGroup)
            effect = proportion
                ? Scale(EffectSize.DifferenceOfProportions(a.Successes, a.Measured, b.Successes, b.Measured), 100)
                : EffectSize.DifferenceOfMeans(a.Mean, a.Variance, a.Measured, b.Mean, b.Variance, b.Measured);
        var direction = outcome == FrictionOutcome.Churn ? -1 : 1;
        return new FrictionFinding(c.Key, c.Label, c.Kind, c.OwnerTeamId, outcome, m.Affected, m.Others, a.Measured, b.Measured,
            GroupValue(a, proportion), GroupValue(b, proportion), effect,
            effect is null ? 0 : m.Affected * effect.Difference * direction, m.Examples.Take(o.Examples).ToList());
    }

    /// <summary>
    /// One customer's outcome after the moment: NPS as +100 (promoter), 0 (passive), −100 (detractor) for the first
    /// answer after it, so the group mean is the group's NPS (ScoreMetrics.Nps); CSAT as 1 when the first answer after it
    /// is satisfied; churn as 1 when the last event is more than ChurnDays before the end (only for moments at least
    /// ChurnDays before the end); revenue as the value of events in the RevenueDays after it (moments at least that long ago).
    /// </summary>
    private static double? Value(Prepared p, DateTime at, FrictionOutcome outcome, DateTime end, FrictionOptions o)
    {
        switch (outcome)
        {
            case FrictionOutcome.Nps:
                var nps = p.Answers.FirstOrDefault(a => a.Scale == AnswerScale.Nps && a.AtUtc > at);
                if (nps.AtUtc == default) return null;
                var n = ScoreMetrics.Nps([nps.Score]);
                return n.Answers == 0 ? null : n.Score;
            case FrictionOutcome.Csat:
                var csat = p.Answers.FirstOrDefault(a => a.Scale == AnswerScale.Csat && a.AtUtc > at);
                if (csat.AtUtc == default) return null;
                var (satisfied, answers) = ScoreMetrics.Csat([csat.Score]);
                return answers == 0 ? null : satisfied;
            case FrictionOutcome.Churn:
                if (at > end.AddDays(-o.ChurnDays) || p.LastEventUtc is not { } last) return null;
                return last < end.AddDays(-o.ChurnDays) ? 1 : 0;
            default:
                if (at > end.AddDays(-o.RevenueDays)) return null;
                var until = at.AddDays(o.RevenueDays);
                return (double)p.Valued.Where(e => e.AtUtc > at && e.AtUtc <= until).Sum(e => e.Value!.Value);
        }
    }

    private static double? GroupValue(OutcomeGroup g, bool proportion) => g.Measured == 0 ? null
        : proportion ? 100.0 * g.Successes / g.Measured : g.Mean;

    private static Effect? Scale(Effect? e, double k) => e is null ? null : new Effect(e.Difference * k, e.Low * k, e.High * k);
}
