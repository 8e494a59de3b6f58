namespace Touchpoint.Domain.Service.Channels.Chat;

/// <summary>
/// What a chat line may be: plain text of at most <see cref="MaxLength"/> characters. Chat is text only: the body is
/// stored as typed (never as HTML) and every view encodes it, so "&lt;script&gt;" reaches an agent as those characters.
/// Control characters other than line breaks and tabs are dropped (they only hide text), lone surrogates and NUL
/// become U+FFFD as on every channel.
/// </summary>
public static class ChatText
{
    public const int MaxLength = 4000;
    public const int MaxNameLength = 200;

    /// <summary>The storable text, or why the line is refused.</summary>
    public static (string? Text, string? Problem) Check(string? raw)
    {
        if (raw is null || raw.Trim().Length == 0) return (null, "write a message first");
        if (raw.Length > MaxLength) return (null, $"a message is at most {MaxLength:N0} characters; this one has {raw.Length:N0}");
        var kept = new System.Text.StringBuilder(raw.Length);
        foreach (var c in raw.Trim())
            if ((!char.IsControl(c) || c is '\n' or '\t') && c is not (>= '\u202A' and <= '\u202E') and not (>= '\u2066' and <= '\u2069')) kept.Append(c);
        var text = ChannelText.Clean(kept.ToString().ReplaceLineEndings("\n"));
        return text.Trim().Length == 0 ? (null, "write a message first") : (text, null);
    }

    /// <summary>A ticket subject from the first line: the agent's inbox shows what the visitor asked.</summary>
    public static string Subject(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return "Chat: " + (line.Length <= 100 ? line : line[..99] + "…");
    }
}
