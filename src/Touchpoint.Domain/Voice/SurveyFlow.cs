namespace Touchpoint.Domain.Voice;

/// <summary>
/// Walks a definition with a respondent's answers: which questions they were shown (the path), which comes next,
/// whether they are done, and whether an answer is valid. Answers to questions off the path (left behind when an
/// earlier answer changed) are ignored by the path and dropped by <see cref="Clean"/>.
/// </summary>
public static class SurveyFlow
{
    public const int MaxTextAnswer = 5000;

    /// <summary>The questions shown so far, in order, ending with the first unanswered one (if any).</summary>
    public static IReadOnlyList<SurveyQuestion> Path(SurveyDefinition def, IReadOnlyDictionary<string, SurveyAnswerValue> answers)
    {
        var path = new List<SurveyQuestion>();
        var seen = new HashSet<string>();
        var q = def.Questions.FirstOrDefault();
        while (q is not null && seen.Add(q.Id))
        {
            path.Add(q);
            if (!answers.TryGetValue(q.Id, out var a)) break;
            var next = def.NextAfter(q, a.IsEmpty ? null : a);
            q = next is null ? null : def.Find(next);
        }
        return path;
    }

    /// <summary>The first question on the path without an answer; null when the respondent reached the end.</summary>
    public static SurveyQuestion? Current(SurveyDefinition def, IReadOnlyDictionary<string, SurveyAnswerValue> answers) =>
        Path(def, answers).FirstOrDefault(q => !answers.ContainsKey(q.Id));

    /// <summary>Only the answers on the path.</summary>
    public static Dictionary<string, SurveyAnswerValue> Clean(SurveyDefinition def, IReadOnlyDictionary<string, SurveyAnswerValue> answers) =>
        Path(def, answers).Where(q => answers.ContainsKey(q.Id)).ToDictionary(q => q.Id, q => answers[q.Id]);

    /// <summary>Checks one answer against its question; returns the reason it is refused, or null.</summary>
    public static string? Check(SurveyQuestion q, SurveyAnswerValue answer, string language = "en")
    {
        var label = $"'{q.Id}'";
        if (answer.IsEmpty) return q.Required ? $"question {label} needs an answer" : null;
        switch (q.Type)
        {
            case QuestionType.Nps or QuestionType.Csat or QuestionType.Ces or QuestionType.Rating:
                var (min, max) = q.Range;
                if (answer.Number is not { } n) return $"question {label} takes a number from {min} to {max}";
                if (n < min || n > max) return $"{n} is out of range: question {label} takes {min} to {max}";
                if (answer.Choices is { Count: > 0 } || !string.IsNullOrEmpty(answer.Text)) return $"question {label} takes only a number";
                return null;
            case QuestionType.SingleChoice or QuestionType.MultipleChoice:
                if (answer.Choices is not { Count: > 0 } picked) return $"question {label} takes choice ids";
                if (q.Type == QuestionType.SingleChoice && picked.Count > 1) return $"question {label} takes one choice";
                if (picked.Distinct().Count() != picked.Count) return $"question {label}: a choice is given twice";
                if (picked.FirstOrDefault(c => q.Choices.All(x => x.Id != c)) is { } bad) return $"question {label} has no choice '{bad}'";
                return answer.Number is null && string.IsNullOrEmpty(answer.Text) ? null : $"question {label} takes only choices";
            case QuestionType.FreeText:
                if (answer.Number is not null || answer.Choices is { Count: > 0 }) return $"question {label} takes text";
                return answer.Text!.Length > MaxTextAnswer ? $"the answer to {label} is longer than {MaxTextAnswer} characters" : null;
            default:
                return $"question {label} has an unknown type";
        }
    }

    /// <summary>The headline score (first NPS/CSAT/CES question on the path) and the first free-text answer.</summary>
    public static (int? Score, string? Comment) Summary(SurveyDefinition def, IReadOnlyDictionary<string, SurveyAnswerValue> answers)
    {
        int? score = null;
        string? comment = null;
        foreach (var q in Path(def, answers))
        {
            if (!answers.TryGetValue(q.Id, out var a)) continue;
            if (score is null && q.Type is QuestionType.Nps or QuestionType.Csat or QuestionType.Ces) score = a.Number;
            if (comment is null && q.Type == QuestionType.FreeText && !string.IsNullOrWhiteSpace(a.Text)) comment = a.Text.Trim();
        }
        return (score, comment);
    }
}
