using Ganss.Xss;
using MimeKit;

namespace Touchpoint.Data.Service.Channels;

/// <summary>
/// The two bodies an agent sees: plain text (always) and sanitised HTML (when the mail had HTML). Sanitising happens
/// here, at intake, so no stored HTML ever carries scripts, event handlers or javascript: URLs.
/// </summary>
public static class MailBodies
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static (string Text, string? Html) Of(MimeMessage message)
    {
        var html = message.HtmlBody;
        var safeHtml = string.IsNullOrWhiteSpace(html) ? null : Sanitise(html);
        var text = message.TextBody;
        if (string.IsNullOrWhiteSpace(text))
            text = safeHtml is null ? "" : TextOf(safeHtml);
        return (text.Trim(), safeHtml);
    }

    public static string Sanitise(string html) => Sanitizer.Sanitize(html);

    /// <summary>The readable text of (already sanitised) HTML, one line per block element.</summary>
    public static string TextOf(string html)
    {
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        foreach (var br in doc.QuerySelectorAll("br")) br.Replace(doc.CreateTextNode("\n"));
        foreach (var block in doc.QuerySelectorAll("p, div, li, tr, h1, h2, h3, h4, blockquote")) block.Append(doc.CreateTextNode("\n"));
        var text = doc.Body?.TextContent ?? "";
        return string.Join("\n", text.Split('\n').Select(l => l.Trim())).Trim();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        // Only web and mail links; javascript:, data: and vbscript: URLs are dropped with their attribute.
        s.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" }) s.AllowedSchemes.Add(scheme);
        s.AllowedAttributes.Remove("style");
        s.AllowedTags.Remove("form");
        return s;
    }
}
