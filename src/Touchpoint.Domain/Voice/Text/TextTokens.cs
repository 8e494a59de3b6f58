using System.Globalization;
using System.Text;

namespace Touchpoint.Domain.Voice.Text;

/// <summary>
/// Splits free text into folded words: lower case, diacritics removed ("Péssimo" and "pessimo" are one word, since
/// customers type both), English contractions opened ("didn't" → "did not"). Clause breaks (. , ! ? ; : and line
/// breaks) become the token <see cref="Break"/>, so negation and "but" never reach across a sentence.
/// </summary>
public static class TextTokens
{
    public const string Break = "|";

    /// <summary>Lower case without diacritics: "Não é fácil" → "nao e facil".</summary>
    public static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    public static List<string> Words(string text)
    {
        var folded = Fold(text).Replace('’', '\'').Replace('`', '\'');
        var tokens = new List<string>();
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length == 0) return;
            var w = word.ToString().Trim('\'');
            word.Clear();
            if (w.Length == 0) return;
            if (w.EndsWith("n't", StringComparison.Ordinal))
            {
                // can't → ca not, won't → wo not: the stem is unimportant, the "not" carries the meaning.
                tokens.Add(w[..^3]);
                tokens.Add("not");
                return;
            }
            var apostrophe = w.IndexOf('\'');
            tokens.Add(apostrophe > 0 ? w[..apostrophe] : w); // it's → it, I've → i
        }
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c) || c == '\'') { word.Append(c); continue; }
            Flush();
            if (c is '.' or ',' or '!' or '?' or ';' or ':' or '\n' or '\r' or '(' or ')')
                if (tokens.Count > 0 && tokens[^1] != Break) tokens.Add(Break);
        }
        Flush();
        return tokens;
    }
}
