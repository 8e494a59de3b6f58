using System.Globalization;
using CsvHelper;
using Touchpoint.Domain.Voice.Text;

namespace Touchpoint.Data.Voice;

/// <summary>One labelled file measured: the tuning half, the held-out half and all of it.</summary>
public sealed record SentimentEvaluation(string Dataset, string Language, string Truth, int Texts, SentimentAgreement HeldOut, SentimentAgreement Tuning, SentimentAgreement All);

/// <summary>
/// Reads the real labelled text in ../shared/data (in place; never copied) for measuring the sentiment method.
/// Row = position among the rows that have a comment, in file order, from 0. Even rows are the tuning half (the
/// lexicon's author read them while curating); odd rows are held out and never read while curating, so the held-out
/// figures are the honest ones. Interleaving keeps both halves spread over the whole period of each file.
/// </summary>
public static class LabelledTextFiles
{
    /// <summary>Olist reviews: review_comment_message (Portuguese) against review_score 1-2 negative, 3 neutral, 4-5 positive.</summary>
    public static List<LabelledText> ReadOlist(string path) => Read(path, "review_score", "review_comment_message",
        s => s is >= 1 and <= 5 ? s <= 2 ? SentimentLabel.Negative : s == 3 ? SentimentLabel.Neutral : SentimentLabel.Positive : null);

    /// <summary>Telecom NPS verbatims: text (English) against NPS_SCORE: detractor 0-6 negative, passive 7-8 neutral, promoter 9-10 positive.</summary>
    public static List<LabelledText> ReadNpsVerbatims(string path) => Read(path, "NPS_SCORE", "text",
        s => s is >= 0 and <= 10 ? s <= 6 ? SentimentLabel.Negative : s <= 8 ? SentimentLabel.Neutral : SentimentLabel.Positive : null);

    public static SentimentEvaluation Evaluate(string dataset, string language, string truth, IReadOnlyList<LabelledText> texts) => new(dataset, language, truth, texts.Count,
        SentimentAgreement.Of(texts.Where(t => t.Row % 2 == 1), language), SentimentAgreement.Of(texts.Where(t => t.Row % 2 == 0), language), SentimentAgreement.Of(texts, language));

    private static List<LabelledText> Read(string path, string scoreColumn, string textColumn, Func<int, SentimentLabel?> truth)
    {
        using var stream = File.OpenRead(path);
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default with
        {
            Separator = ',', HasHeader = true, AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Recover, FieldCountMismatch = CsvFieldCountHandling.Allow,
        }, leaveOpen: true);
        var headers = csv.Headers.Select(h => h.Trim()).ToList();
        int scoreAt = headers.IndexOf(scoreColumn), textAt = headers.IndexOf(textColumn);
        if (scoreAt < 0 || textAt < 0) throw new InvalidDataException($"{Path.GetFileName(path)} has no column {(scoreAt < 0 ? scoreColumn : textColumn)}");
        var result = new List<LabelledText>();
        var row = 0;
        while (csv.Read())
        {
            var text = textAt < csv.FieldCount ? csv.GetString(textAt)?.Trim() : null;
            if (string.IsNullOrEmpty(text)) continue;
            var at = row++;
            var scoreText = scoreAt < csv.FieldCount ? csv.GetString(scoreAt)?.Trim() : null;
            if (!int.TryParse(scoreText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var score) || truth(score) is not { } label) continue; // NA scores
            result.Add(new LabelledText(at, text, score, label));
        }
        return result;
    }
}
