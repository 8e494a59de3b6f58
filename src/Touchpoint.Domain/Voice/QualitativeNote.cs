namespace Touchpoint.Domain.Voice;

/// <summary>
/// Qualitative insight beside the numbers: an interview or observation note, tagged to the journey stages,
/// touchpoint types and customers it is about, so it shows next to the scores it explains.
/// </summary>
public sealed class QualitativeNote
{
    public const string Interview = "interview";
    public const string Observation = "observation";
    public static readonly IReadOnlyList<string> Kinds = [Interview, Observation];

    public long Id { get; set; }
    public string Kind { get; set; } = Observation;
    public string Title { get; set; } = "";
    public string Text { get; set; } = "";
    public string Author { get; set; } = "";
    /// <summary>The day the interview or observation took place.</summary>
    public DateOnly NotedOn { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A tag of a note: a journey stage key, a touchpoint type or a customer id.</summary>
public sealed class NoteTag
{
    public const string Stage = "stage";
    public const string Touchpoint = "touchpoint";
    public const string Customer = "customer";

    public long Id { get; set; }
    public long NoteId { get; set; }
    public string Kind { get; set; } = "";
    public string Value { get; set; } = "";
}
