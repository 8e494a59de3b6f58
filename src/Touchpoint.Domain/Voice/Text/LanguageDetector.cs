namespace Touchpoint.Domain.Voice.Text;

/// <summary>
/// English or Portuguese, by counting each language's stop words (the short function words every sentence has:
/// "the", "and" / "de", "que", "não"). A tie — short answers such as "Péssimo" or "OTIMA" have no stop words — is
/// broken by which language's sentiment lexicon knows more of the words, then by Portuguese letters (ã, ç, õ, é...),
/// then by <paramref name="hint"/> (the language the survey was answered in), else English.
/// </summary>
public static class LanguageDetector
{
    public static readonly string[] Languages = ["en", "pt"];

    public static string Detect(string text, string? hint = null) => Detect(text, TextTokens.Words(text), hint);

    public static string Detect(string text, IReadOnlyList<string> words, string? hint = null)
    {
        int en = 0, pt = 0;
        foreach (var w in words)
        {
            if (SentimentLexicon.English.StopWords.Contains(w)) en++;
            if (SentimentLexicon.Portuguese.StopWords.Contains(w)) pt++;
        }
        if (en != pt) return en > pt ? "en" : "pt";
        int enKnown = words.Count(w => SentimentLexicon.English.TryWord(w, out _)), ptKnown = words.Count(w => SentimentLexicon.Portuguese.TryWord(w, out _));
        if (enKnown != ptKnown) return enKnown > ptKnown ? "en" : "pt";
        if (text.Any(c => "ãõçáéíóúâêôà".Contains(char.ToLowerInvariant(c)))) return "pt";
        return hint is "pt" or "en" ? hint : "en";
    }
}
