using System.Globalization;

namespace Touchpoint.Domain.Voice.Text;

/// <summary>
/// One language's lexicon, parsed once from its C# table: word valences, phrase valences (up to four words), prefix
/// valences, and the closed word classes (negators, boosters, dampeners, contrasts, concessions, stop words).
/// </summary>
public sealed class SentimentLexicon
{
    private readonly Dictionary<string, double> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _phrases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _prefixes = new(StringComparer.Ordinal);

    public string Language { get; }
    public int MaxPhraseWords { get; private set; } = 1;
    public IReadOnlySet<string> Negators { get; }
    public IReadOnlySet<string> Boosters { get; }
    public IReadOnlySet<string> Dampeners { get; }
    public IReadOnlySet<string> Contrasts { get; }
    public IReadOnlySet<string> Concessions { get; }
    public IReadOnlySet<string> StopWords { get; }
    public int Size => _words.Count + _phrases.Count + _prefixes.Count;

    public static SentimentLexicon English { get; } = new("en", SentimentLexiconEnglish.Terms, SentimentLexiconEnglish.Negators,
        SentimentLexiconEnglish.Boosters, SentimentLexiconEnglish.Dampeners, SentimentLexiconEnglish.Contrasts, SentimentLexiconEnglish.Concessions,
        SentimentLexiconEnglish.StopWords);

    public static SentimentLexicon Portuguese { get; } = new("pt", SentimentLexiconPortuguese.Terms, SentimentLexiconPortuguese.Negators,
        SentimentLexiconPortuguese.Boosters, SentimentLexiconPortuguese.Dampeners, SentimentLexiconPortuguese.Contrasts, SentimentLexiconPortuguese.Concessions,
        SentimentLexiconPortuguese.StopWords);

    public static SentimentLexicon For(string language) => language == "pt" ? Portuguese : English;

    private SentimentLexicon(string language, string terms, string negators, string boosters, string dampeners, string contrasts, string concessions, string stopWords)
    {
        Language = language;
        foreach (var entry in terms.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = entry.LastIndexOf('=');
            if (eq <= 0) throw new FormatException($"lexicon {language}: '{entry}' is not term=valence");
            var term = TextTokens.Fold(entry[..eq]);
            var valence = double.Parse(entry[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
            if (term.Contains('_'))
            {
                var words = term.Split('_');
                MaxPhraseWords = Math.Max(MaxPhraseWords, words.Length);
                _phrases[string.Join(' ', words).TrimEnd('*')] = valence;
            }
            else if (term.EndsWith('*')) _prefixes[term[..^1]] = valence;
            else _words[term] = valence;
        }
        Negators = Set(negators);
        Boosters = Set(boosters);
        Dampeners = Set(dampeners);
        Contrasts = Set(contrasts);
        Concessions = Set(concessions);
        StopWords = Set(stopWords);
    }

    private static HashSet<string> Set(string words) => words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(TextTokens.Fold).ToHashSet(StringComparer.Ordinal);

    /// <summary>The phrase of <paramref name="length"/> words at <paramref name="at"/>, when the lexicon has it.</summary>
    public bool TryPhrase(IReadOnlyList<string> tokens, int at, int length, out double valence)
    {
        valence = 0;
        if (at + length > tokens.Count) return false;
        for (var i = at; i < at + length; i++) if (tokens[i] == TextTokens.Break) return false;
        return _phrases.TryGetValue(string.Join(' ', tokens.Skip(at).Take(length)), out valence);
    }

    /// <summary>A word's valence: the exact word first, then the longest listed prefix (at least three letters).</summary>
    public bool TryWord(string word, out double valence)
    {
        if (_words.TryGetValue(word, out valence)) return true;
        for (var k = word.Length; k >= 3; k--)
            if (_prefixes.TryGetValue(word[..k], out valence)) return true;
        return false;
    }
}
