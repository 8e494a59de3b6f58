using System.Text.Json;
using System.Text.Json.Serialization;

namespace Touchpoint.Domain.Voice.Text;

[JsonConverter(typeof(SentimentLabelJson))]
public enum SentimentLabel { Negative = 0, Neutral = 1, Positive = 2 }

public sealed class SentimentLabelJson() : JsonStringEnumConverter<SentimentLabel>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

/// <summary>The sentiment of one text: a score from −1 (very negative) to +1 (very positive), its label and language.</summary>
public sealed record TextSentiment(double Score, SentimentLabel Label, string Language);

/// <summary>
/// Lexicon-based sentiment in the manner of VADER (Hutto and Gilbert 2014), for English and Portuguese, offline:
/// each word or phrase of the lexicon adds its valence; a booster before it ("very", "muito") adds 0.293 in its
/// direction, a dampener takes 0.293 away; a negator up to three words before it ("not", "não", "never", "sem")
/// flips it and scales it by 0.74; after "but"/"mas" the text counts 1.5 times and before it half; a clause opened by
/// "although"/"apesar" counts half; each "!" (up to three) adds 0.292 in the direction of the sum. The sum s becomes
/// the score s / √(s² + 15), and the label is positive above +<see cref="Threshold"/>, negative below −Threshold,
/// neutral between (VADER's published threshold, kept as is; the measured agreement is in docs/text-analytics.md).
/// </summary>
public static class SentimentAnalyzer
{
    public const double Threshold = 0.05;
    private const double Boost = 0.293, NegationScale = -0.74, Alpha = 15, Exclamation = 0.292;

    public static TextSentiment Analyze(string text, string? languageHint = null)
    {
        var words = TextTokens.Words(text);
        var language = LanguageDetector.Detect(text, words, languageHint);
        var score = Score(words, SentimentLexicon.For(language), text.Count(c => c == '!'));
        return new(Math.Round(score, 4), LabelOf(score), language);
    }

    public static SentimentLabel LabelOf(double score) => score > Threshold ? SentimentLabel.Positive : score < -Threshold ? SentimentLabel.Negative : SentimentLabel.Neutral;

    private static double Score(List<string> words, SentimentLexicon lex, int exclamations)
    {
        var valences = new List<(int At, double Value)>();
        var lastContrast = -1;
        var conceding = false;
        for (var i = 0; i < words.Count;)
        {
            var w = words[i];
            if (w == TextTokens.Break) { conceding = false; i++; continue; }
            if (lex.Contrasts.Contains(w)) { lastContrast = i; i++; continue; }
            if (lex.Concessions.Contains(w)) { conceding = true; i++; continue; }
            var length = 0;
            double v = 0;
            for (var n = Math.Min(lex.MaxPhraseWords, words.Count - i); n >= 2 && length == 0; n--)
                if (lex.TryPhrase(words, i, n, out v)) length = n;
            // A phrase carries its own negation ("não recebi", "not working"); a single word takes the one before it.
            var isPhrase = length > 0;
            if (!isPhrase && !lex.Negators.Contains(w) && lex.TryWord(w, out v)) length = 1;
            if (length == 0) { i++; continue; }
            v += Modifier(words, i, lex, v);
            if (!isPhrase && Negated(words, i, lex)) v *= NegationScale;
            if (conceding) v *= 0.5;
            valences.Add((i, v));
            i += length;
        }
        var sum = valences.Sum(x => lastContrast < 0 ? x.Value : x.At < lastContrast ? x.Value * 0.5 : x.Value * 1.5);
        if (sum != 0) sum += Math.Sign(sum) * Math.Min(exclamations, 3) * Exclamation;
        return sum / Math.Sqrt(sum * sum + Alpha);
    }

    /// <summary>Boosters and dampeners in the two words before, the nearer one counting fully, the farther 95%.</summary>
    private static double Modifier(List<string> words, int at, SentimentLexicon lex, double valence)
    {
        double m = 0;
        for (var back = 1; back <= 2 && at - back >= 0; back++)
        {
            var w = words[at - back];
            if (w == TextTokens.Break) break;
            var scale = back == 1 ? 1 : 0.95;
            if (lex.Boosters.Contains(w)) m += Math.Sign(valence) * Boost * scale;
            else if (lex.Dampeners.Contains(w)) m -= Math.Sign(valence) * Boost * scale;
        }
        return m;
    }

    private static bool Negated(List<string> words, int at, SentimentLexicon lex)
    {
        for (var back = 1; back <= 3 && at - back >= 0; back++)
        {
            var w = words[at - back];
            if (w == TextTokens.Break) return false;
            if (lex.Negators.Contains(w)) return true;
        }
        return false;
    }
}
