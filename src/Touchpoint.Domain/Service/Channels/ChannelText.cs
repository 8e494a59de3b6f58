using System.Text;

namespace Touchpoint.Domain.Service.Channels;

/// <summary>
/// Text from outside made storable on every store: a lone UTF-16 surrogate (half an emoji, cut by the platform) and
/// NUL characters cannot be written to PostgreSQL, so they become U+FFFD instead of failing the whole import.
/// </summary>
public static class ChannelText
{
    public static string Clean(string text)
    {
        var bad = false;
        for (var i = 0; i < text.Length && !bad; i++)
        {
            var c = text[i];
            if (c == '\0') bad = true;
            else if (char.IsHighSurrogate(c)) { if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++; else bad = true; }
            else if (char.IsLowSurrogate(c)) bad = true;
        }
        if (!bad) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { sb.Append(c).Append(text[++i]); continue; }
            sb.Append(c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        return sb.ToString();
    }
}
