namespace Touchpoint.Domain.Voice.Text;

/// <summary>
/// One answer's free text with its headline score (null when the answer has no score) and the language it was answered
/// in: the same hint the answers API gives the sentiment, so a short text ("ok", "Recomendo") gets the same label on the
/// themes page as in the answer list.
/// </summary>
public sealed record ThemeInput(long Id, string Text, int? Score, string? Language = null);

/// <summary>A customer's words quoted as they wrote them (shorten for display only), with their sentiment and score.</summary>
public sealed record ThemeQuote(long ResponseId, string Text, int? Score, TextSentiment Sentiment);

/// <summary>
/// A theme's effect on the headline metric: the metric among answers with the theme minus among answers without it,
/// with a 95% interval from √(SE_with² + SE_without²) (independent groups) and the two-sided p-value.
/// </summary>
public sealed record DriverEffect(double? Difference, double? Low, double? High, double? PValue, Estimate With, Estimate Without);

public sealed record ThemeResult(string Id, string Name, int Count, double Share, double MeanSentiment, int Negative, int Neutral, int Positive,
    DriverEffect Driver, IReadOnlyList<ThemeQuote> Quotes);

public sealed record ThemeReport(string Metric, int Texts, int WithTheme, int Negative, int Neutral, int Positive, IReadOnlyDictionary<string, int> Languages,
    Estimate Overall, IReadOnlyList<ThemeResult> Themes);

/// <summary>
/// Themes of a set of answers: for each theme of <see cref="ThemeCatalog"/>, how many texts mention it, their
/// sentiment, example quotes (the most negative, the most positive and the most typical), and the driver effect —
/// how much the headline metric (NPS, CSAT % or CES mean, defined in <see cref="VoiceStatistics"/>) differs between
/// answers that mention the theme and those that do not. A driver is an association, not a cause.
/// </summary>
public static class ThemeAnalysis
{
    public const int QuoteLength = 280;

    public static ThemeReport Report(SurveyKind kind, IEnumerable<ThemeInput> inputs, int quotesPerTheme = 3)
    {
        var items = inputs.Where(i => !string.IsNullOrWhiteSpace(i.Text)).Select(i =>
        {
            var words = TextTokens.Words(i.Text);
            return (Input: i, Sentiment: SentimentAnalyzer.Analyze(i.Text, i.Language), Themes: ThemeCatalog.Of(words).Select(t => t.Id).ToHashSet());
        }).ToList();
        var scored = items.Where(x => x.Input.Score is not null).ToList();
        var themes = new List<ThemeResult>();
        foreach (var theme in ThemeCatalog.All)
        {
            var mine = items.Where(x => x.Themes.Contains(theme.Id)).ToList();
            if (mine.Count == 0) continue;
            var with = Metric(kind, scored.Where(x => x.Themes.Contains(theme.Id)).Select(x => x.Input.Score!.Value));
            var without = Metric(kind, scored.Where(x => !x.Themes.Contains(theme.Id)).Select(x => x.Input.Score!.Value));
            var change = VoiceStatistics.Compare(with, without);
            var se = Math.Sqrt(Math.Pow(with.StandardError ?? 0, 2) + Math.Pow(without.StandardError ?? 0, 2));
            var driver = new DriverEffect(change.Difference, change.Difference - VoiceStatistics.Z95 * se, change.Difference + VoiceStatistics.Z95 * se, change.PValue, with, without);
            themes.Add(new ThemeResult(theme.Id, theme.Name, mine.Count, (double)mine.Count / items.Count, Math.Round(mine.Average(x => x.Sentiment.Score), 4),
                mine.Count(x => x.Sentiment.Label == SentimentLabel.Negative), mine.Count(x => x.Sentiment.Label == SentimentLabel.Neutral),
                mine.Count(x => x.Sentiment.Label == SentimentLabel.Positive), driver, Quotes(mine.Select(x => (x.Input, x.Sentiment)).ToList(), quotesPerTheme)));
        }
        return new ThemeReport(kind.ToString().ToLowerInvariant(), items.Count, items.Count(x => x.Themes.Count > 0),
            items.Count(x => x.Sentiment.Label == SentimentLabel.Negative), items.Count(x => x.Sentiment.Label == SentimentLabel.Neutral),
            items.Count(x => x.Sentiment.Label == SentimentLabel.Positive),
            items.GroupBy(x => x.Sentiment.Language).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            Metric(kind, scored.Select(x => x.Input.Score!.Value)), themes.OrderByDescending(t => t.Count).ThenBy(t => t.Id, StringComparer.Ordinal).ToList());
    }

    /// <summary>The headline metric of a survey kind, with its interval (NPS, CSAT %, CES mean).</summary>
    public static Estimate Metric(SurveyKind kind, IEnumerable<int> scores) => kind switch
    {
        SurveyKind.Nps => VoiceStatistics.Nps(ScoreMetrics.Nps(scores)),
        SurveyKind.Csat => VoiceStatistics.Csat(scores),
        _ => VoiceStatistics.CesMean(scores),
    };

    /// <summary>The most negative, the most positive and the one nearest the theme's mean sentiment; shortest first among equals.</summary>
    private static List<ThemeQuote> Quotes(List<(ThemeInput Input, TextSentiment Sentiment)> mine, int count)
    {
        var pool = mine.OrderBy(x => x.Input.Text.Length > QuoteLength ? 1 : 0).ThenBy(x => x.Input.Id).ToList();
        var mean = mine.Average(x => x.Sentiment.Score);
        var picks = new[]
        {
            pool.OrderBy(x => x.Sentiment.Score).First(),
            pool.OrderByDescending(x => x.Sentiment.Score).First(),
            pool.OrderBy(x => Math.Abs(x.Sentiment.Score - mean)).First(),
        };
        return picks.DistinctBy(x => x.Input.Id).Take(count)
            .Select(x => new ThemeQuote(x.Input.Id, Shorten(x.Input.Text), x.Input.Score, x.Sentiment)).ToList();
    }

    private static string Shorten(string text)
    {
        var t = text.Trim().ReplaceLineEndings(" ");
        return t.Length <= QuoteLength ? t : t[..(QuoteLength - 1)].TrimEnd() + "…";
    }
}
