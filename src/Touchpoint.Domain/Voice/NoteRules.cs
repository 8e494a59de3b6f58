namespace Touchpoint.Domain.Voice;

/// <summary>A note as typed in: the text and its tags (stage keys, touchpoint types, customer ids).</summary>
public sealed record NoteDraft(string? Kind, string? Title, string? Text, string? Author, DateOnly? NotedOn,
    IReadOnlyList<string>? Stages, IReadOnlyList<string>? Touchpoints, IReadOnlyList<long>? CustomerIds);

/// <summary>What a qualitative note must be before it is stored; problems name the field.</summary>
public static class NoteRules
{
    public const int MaxTags = 20;

    public static IReadOnlyList<(string Field, string Message)> Validate(NoteDraft d, DateOnly today)
    {
        var errors = new List<(string, string)>();
        if (d.Kind is null || !QualitativeNote.Kinds.Contains(d.Kind.Trim().ToLowerInvariant())) errors.Add(("kind", $"must be one of {string.Join(", ", QualitativeNote.Kinds)}"));
        if (string.IsNullOrWhiteSpace(d.Title)) errors.Add(("title", "is required"));
        else if (d.Title.Trim().Length > 200) errors.Add(("title", "is longer than 200 characters"));
        if (string.IsNullOrWhiteSpace(d.Text)) errors.Add(("text", "is required"));
        else if (d.Text.Length > 20000) errors.Add(("text", "is longer than 20,000 characters"));
        if (d.Author is { Length: > 200 }) errors.Add(("author", "is longer than 200 characters"));
        if (d.NotedOn is null) errors.Add(("notedOn", "is required (yyyy-mm-dd)"));
        else if (d.NotedOn > today.AddDays(1)) errors.Add(("notedOn", "lies in the future"));
        foreach (var (field, tags) in new[] { ("stages", d.Stages), ("touchpoints", d.Touchpoints) })
        {
            if (tags is null) continue;
            if (tags.Count > MaxTags) errors.Add((field, $"holds more than {MaxTags} tags"));
            for (var i = 0; i < tags.Count; i++)
                if (string.IsNullOrWhiteSpace(tags[i]) || tags[i].Trim().Length > 100) errors.Add(($"{field}[{i}]", "must be 1-100 characters"));
        }
        if (d.CustomerIds is { Count: > MaxTags }) errors.Add(("customerIds", $"holds more than {MaxTags} customers"));
        return errors;
    }
}
