namespace Touchpoint.Domain.Voice;

/// <summary>Net Promoter Score of a set of 0-10 answers, with its parts.</summary>
public sealed record NpsResult(int Promoters, int Passives, int Detractors)
{
    public int Answers => Promoters + Passives + Detractors;

    /// <summary>NPS = % promoters (9-10) - % detractors (0-6), from -100 to 100; null with no answers.</summary>
    public double? Score => Answers == 0 ? null : 100.0 * (Promoters - Detractors) / Answers;
}

/// <summary>
/// The survey metrics, defined once (docs/metrics.md). Scores outside the scale are ignored rather than clamped,
/// because a clamped outlier would be counted as a real extreme answer.
/// </summary>
public static class ScoreMetrics
{
    public static NpsResult Nps(IEnumerable<int> scores)
    {
        int p = 0, pa = 0, d = 0;
        foreach (var s in scores)
        {
            if (s is < 0 or > 10) continue;
            if (s >= 9) p++;
            else if (s >= 7) pa++;
            else d++;
        }
        return new NpsResult(p, pa, d);
    }

    /// <summary>CSAT = share of 1-5 answers that are 4 or 5, in percent; null with no answers.</summary>
    public static double? CsatPercent(IEnumerable<int> scores)
    {
        var (satisfied, answers) = Csat(scores);
        return answers == 0 ? null : 100.0 * satisfied / answers;
    }

    /// <summary>The parts of CSAT: answers of 4 or 5, and all valid 1-5 answers.</summary>
    public static (int Satisfied, int Answers) Csat(IEnumerable<int> scores)
    {
        int n = 0, satisfied = 0;
        foreach (var s in scores)
        {
            if (s is < 1 or > 5) continue;
            n++;
            if (s >= 4) satisfied++;
        }
        return (satisfied, n);
    }

    /// <summary>Valid CES answers (1-7), the ones <see cref="CesMean"/> averages.</summary>
    public static int CesAnswers(IEnumerable<int> scores) => scores.Count(s => s is >= 1 and <= 7);

    /// <summary>CES = mean of 1-7 answers (7 = very easy); null with no answers.</summary>
    public static double? CesMean(IEnumerable<int> scores)
    {
        var valid = scores.Where(s => s is >= 1 and <= 7).ToList();
        return valid.Count == 0 ? null : valid.Average();
    }
}
