namespace Touchpoint.Domain.Voice.Text;

/// <summary>A text with the label its score gives it (the truth the sentiment method is measured against).</summary>
public sealed record LabelledText(int Row, string Text, int Score, SentimentLabel Truth);

/// <summary>Precision, recall and F1 of one label.</summary>
public sealed record LabelScores(SentimentLabel Label, int Support, double Precision, double Recall, double F1);

/// <summary>
/// Agreement of the sentiment labels with the score-derived labels: accuracy, macro F1 (the unweighted mean of the
/// three labels' F1, so the rare neutral class counts as much as the common ones) and the confusion matrix
/// <c>Confusion[truth][predicted]</c> in the order negative, neutral, positive. Also the accuracy of the two-way
/// question "negative or not" that the closed loop acts on.
/// </summary>
public sealed record SentimentAgreement(int N, double Accuracy, double MacroF1, int[][] Confusion, IReadOnlyList<LabelScores> Labels, double NegativeRecall, double NegativePrecision)
{
    public static SentimentAgreement Measure(IEnumerable<(SentimentLabel Truth, SentimentLabel Predicted)> pairs)
    {
        var m = new int[3][];
        for (var i = 0; i < 3; i++) m[i] = new int[3];
        var n = 0;
        foreach (var (t, p) in pairs) { m[(int)t][(int)p]++; n++; }
        var labels = Enum.GetValues<SentimentLabel>().Select(l =>
        {
            int i = (int)l, tp = m[i][i], support = m[i].Sum(), predicted = m.Sum(r => r[i]);
            double precision = predicted == 0 ? 0 : (double)tp / predicted, recall = support == 0 ? 0 : (double)tp / support;
            return new LabelScores(l, support, precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
        }).ToList();
        var correct = m[0][0] + m[1][1] + m[2][2];
        var neg = labels[(int)SentimentLabel.Negative];
        return new(n, n == 0 ? 0 : (double)correct / n, labels.Average(l => l.F1), m, labels, neg.Recall, neg.Precision);
    }

    /// <summary>Runs <see cref="SentimentAnalyzer"/> over labelled texts and measures the agreement.</summary>
    public static SentimentAgreement Of(IEnumerable<LabelledText> texts, string? languageHint = null) =>
        Measure(texts.Select(t => (t.Truth, SentimentAnalyzer.Analyze(t.Text, languageHint).Label)));
}
