namespace Touchpoint.Domain.Voice;

/// <summary>The headline question of a survey, which fixes its scale.</summary>
public enum SurveyKind { Nps = 0, Csat = 1, Ces = 2, Custom = 3 }

public enum SurveyStatus { Draft = 0, Live = 1, Closed = 2 }

/// <summary>A survey: its scale, its question and (in later versions) its full definition.</summary>
public sealed class Survey
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public SurveyKind Kind { get; set; }
    public SurveyStatus Status { get; set; }
    public string Question { get; set; } = "";

    /// <summary>Full definition (questions, logic, languages) as JSON; its shape is owned by the Voice feature.</summary>
    public string DefinitionJson { get; set; } = "{}";

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The current version of the definition. A live survey's edit adds a version; answers keep theirs.</summary>
    public int Version { get; set; } = 1;

    public DateTime? PublishedAtUtc { get; set; }
    public DateTime? ClosedAtUtc { get; set; }

    /// <summary>Whether an anonymous public link (/s/survey/{id}) takes answers.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>The valid range of the headline score on this survey's scale.</summary>
    public (int Min, int Max) ScoreRange => Kind switch
    {
        SurveyKind.Nps => (0, 10),
        SurveyKind.Csat => (1, 5),
        SurveyKind.Ces => (1, 7),
        _ => (0, 10),
    };
}
