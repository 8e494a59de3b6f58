using System.Text.Json;
using System.Text.Json.Serialization;

namespace Touchpoint.Domain.Voice;

/// <summary>The kinds of question a survey can ask. The three scored scales fix their own range.</summary>
[JsonConverter(typeof(QuestionTypeJson))]
public enum QuestionType
{
    /// <summary>Net Promoter question, 0-10.</summary>
    Nps,
    /// <summary>Satisfaction, 1-5.</summary>
    Csat,
    /// <summary>Customer effort, 1-7 (7 = very easy).</summary>
    Ces,
    /// <summary>A rating on its own scale (<see cref="SurveyQuestion.Min"/>-<see cref="SurveyQuestion.Max"/>, default 1-5).</summary>
    Rating,
    SingleChoice,
    MultipleChoice,
    FreeText,
}

/// <summary>Question types in JSON as camelCase names: "nps", "singleChoice", "freeText".</summary>
public sealed class QuestionTypeJson() : JsonStringEnumConverter<QuestionType>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

/// <summary>One choice of a choice question: a stable id and its label per language.</summary>
public sealed record SurveyChoice
{
    public string Id { get; init; } = "";
    public Dictionary<string, string> Text { get; init; } = [];
}

/// <summary>
/// A branch: when the answer matches (a score in [Min, Max], or the given choice), go to <see cref="GoTo"/>, a
/// question id or <see cref="SurveyDefinition.End"/>. Rules are tried in order; the first match wins; with no match
/// the question's <see cref="SurveyQuestion.Next"/> applies, else the next question in order.
/// A follow-up that depends on the score is a branch on the score question.
/// </summary>
public sealed record SurveyBranch
{
    public int? Min { get; init; }
    public int? Max { get; init; }
    public string? Choice { get; init; }
    public string GoTo { get; init; } = "";

    public bool Matches(SurveyAnswerValue? answer)
    {
        if (answer is null) return false;
        if (Choice is not null) return answer.Choices?.Contains(Choice, StringComparer.Ordinal) == true;
        if (answer.Number is not { } n) return false;
        return (Min is null || n >= Min) && (Max is null || n <= Max);
    }
}

public sealed record SurveyQuestion
{
    /// <summary>Stable id within the survey (letters, digits, '_' and '-'); answers are keyed by it.</summary>
    public string Id { get; init; } = "";
    public QuestionType Type { get; init; }
    /// <summary>The question per language code ("en", "pt", ...).</summary>
    public Dictionary<string, string> Text { get; init; } = [];
    public bool Required { get; init; }
    /// <summary>Scale of a <see cref="QuestionType.Rating"/> question; ignored by the fixed scales.</summary>
    public int? Min { get; init; }
    public int? Max { get; init; }
    public List<SurveyChoice> Choices { get; init; } = [];
    public List<SurveyBranch> Branches { get; init; } = [];
    /// <summary>Where to go when no branch matches: a question id or "end"; null means the next question in order.</summary>
    public string? Next { get; init; }

    [JsonIgnore] public bool IsScale => Type is QuestionType.Nps or QuestionType.Csat or QuestionType.Ces or QuestionType.Rating;

    /// <summary>The valid range of a scale question.</summary>
    [JsonIgnore]
    public (int Min, int Max) Range => Type switch
    {
        QuestionType.Nps => (0, 10),
        QuestionType.Csat => (1, 5),
        QuestionType.Ces => (1, 7),
        QuestionType.Rating => (Min ?? 1, Max ?? 5),
        _ => (0, 0),
    };

    public string TextIn(string language, string fallback) =>
        Text.TryGetValue(language, out var t) && !string.IsNullOrWhiteSpace(t) ? t : Text.GetValueOrDefault(fallback) ?? Text.Values.FirstOrDefault() ?? Id;
}

/// <summary>
/// A survey's full definition: its languages and its questions with their logic. Stored as JSON on the survey and,
/// frozen, per published version (survey_versions), so an answer is always read with the questions it answered.
/// </summary>
public sealed record SurveyDefinition
{
    public const string End = "end";
    public const int MaxQuestions = 50;
    public const int MaxTextLength = 1000;

    /// <summary>Language codes; the first is the default and every text must exist in it.</summary>
    public List<string> Languages { get; init; } = ["en"];
    public List<SurveyQuestion> Questions { get; init; } = [];

    [JsonIgnore] public string DefaultLanguage => Languages.FirstOrDefault() ?? "en";

    public SurveyQuestion? Find(string id) => Questions.FirstOrDefault(q => q.Id == id);

    /// <summary>The headline question: the first NPS, CSAT or CES question, whose score is the answer's Score.</summary>
    [JsonIgnore]
    public SurveyQuestion? Headline => Questions.FirstOrDefault(q => q.Type is QuestionType.Nps or QuestionType.Csat or QuestionType.Ces);

    /// <summary>The id of the question shown after <paramref name="q"/> given its answer, or null at the end.</summary>
    public string? NextAfter(SurveyQuestion q, SurveyAnswerValue? answer)
    {
        foreach (var b in q.Branches)
            if (b.Matches(answer)) return b.GoTo == End ? null : b.GoTo;
        if (q.Next is { } next) return next == End ? null : next;
        var i = Questions.IndexOf(q);
        return i >= 0 && i + 1 < Questions.Count ? Questions[i + 1].Id : null;
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored definition; an empty or legacy "{}" definition gives one question of the survey's kind.</summary>
    public static SurveyDefinition FromJson(string? json, SurveyKind kind, string question)
    {
        SurveyDefinition? def = null;
        if (!string.IsNullOrWhiteSpace(json) && json.Trim() != "{}")
        {
            try { def = JsonSerializer.Deserialize<SurveyDefinition>(json, Json); }
            catch (JsonException) { def = null; }
        }
        if (def is { Questions.Count: > 0 }) return def;
        var type = kind switch { SurveyKind.Csat => QuestionType.Csat, SurveyKind.Ces => QuestionType.Ces, SurveyKind.Nps => QuestionType.Nps, _ => QuestionType.Rating };
        return new SurveyDefinition
        {
            Questions =
            [
                new SurveyQuestion { Id = "score", Type = type, Text = new() { ["en"] = string.IsNullOrWhiteSpace(question) ? "How likely are you to recommend us?" : question }, Required = true },
                new SurveyQuestion { Id = "comment", Type = QuestionType.FreeText, Text = new() { ["en"] = "Anything you would like to add?" } },
            ],
        };
    }

    /// <summary>The survey kind the headline question gives.</summary>
    [JsonIgnore]
    public SurveyKind Kind => Headline?.Type switch
    {
        QuestionType.Nps => SurveyKind.Nps,
        QuestionType.Csat => SurveyKind.Csat,
        QuestionType.Ces => SurveyKind.Ces,
        _ => SurveyKind.Custom,
    };
}

/// <summary>One answer to one question: a number (scales), choice ids, or text.</summary>
public sealed record SurveyAnswerValue
{
    public int? Number { get; init; }
    public List<string>? Choices { get; init; }
    public string? Text { get; init; }

    [JsonIgnore] public bool IsEmpty => Number is null && (Choices is null || Choices.Count == 0) && string.IsNullOrWhiteSpace(Text);
}
