using System.Text.Json;

namespace Touchpoint.Domain.Service;

/// <summary>
/// Tags of a ticket: lower-case words of letters, digits, '-', '_' or ':' (at most 40 characters, 20 per ticket),
/// stored as a sorted JSON array in <see cref="Ticket.TagsJson"/>. The strict alphabet is what lets a view find a
/// tag with a plain LIKE on the quoted word on both stores, without a tag table to keep in step.
/// </summary>
public static class TicketTags
{
    public const int MaxLength = 40;
    public const int MaxPerTicket = 20;

    public static IReadOnlyList<string> Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try { return JsonSerializer.Deserialize<string[]>(json) ?? []; }
        catch (JsonException) { return []; }
    }

    public static string Write(IEnumerable<string> tags) =>
        JsonSerializer.Serialize(tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());

    /// <summary>The stored form of a tag typed by a person ("VIP " → "vip"); null with the reason when it cannot be one.</summary>
    public static string? Normalise(string? raw, out string? problem)
    {
        problem = null;
        var tag = (raw ?? "").Trim().ToLowerInvariant().Replace(' ', '-');
        if (tag.Length == 0) problem = "a tag cannot be empty";
        else if (tag.Length > MaxLength) problem = $"'{tag[..20]}…' is longer than {MaxLength} characters";
        else if (!tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':'))
            problem = $"'{tag}' may only contain letters, digits, '-', '_' and ':'";
        return problem is null ? tag : null;
    }

    /// <summary>The pattern that finds a tag in the stored JSON with LIKE (tags never contain quotes or wildcards).</summary>
    public static string LikePattern(string tag) => "%\"" + tag + "\"%";
}
