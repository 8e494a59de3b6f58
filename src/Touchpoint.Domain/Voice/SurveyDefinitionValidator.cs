using System.Text.RegularExpressions;

namespace Touchpoint.Domain.Voice;

/// <summary>A problem in a definition: the field path (as the API names it) and the reason, naming the question.</summary>
public sealed record DefinitionError(string Field, string Message);

/// <summary>
/// Rejects definitions a respondent could not get through: missing or duplicate ids, texts missing in the default
/// language, bad scales, choice questions without choices, branches to questions that do not exist, loops, and
/// questions no path reaches. The flow starts at the first question; every move is a branch, a Next or the order.
/// </summary>
public static partial class SurveyDefinitionValidator
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
    private static partial Regex LanguagePattern();

    public static IReadOnlyList<DefinitionError> Validate(SurveyDefinition def)
    {
        var errors = new List<DefinitionError>();
        if (def.Languages.Count == 0) errors.Add(new("languages", "at least one language is required"));
        foreach (var (lang, i) in def.Languages.Select((l, i) => (l, i)))
            if (!LanguagePattern().IsMatch(lang ?? "")) errors.Add(new($"languages[{i}]", $"'{lang}' is not a language code such as en or pt-BR"));
        if (def.Languages.Distinct(StringComparer.OrdinalIgnoreCase).Count() != def.Languages.Count) errors.Add(new("languages", "a language is listed twice"));
        if (def.Questions.Count == 0) errors.Add(new("questions", "a survey needs at least one question"));
        if (def.Questions.Count > SurveyDefinition.MaxQuestions) errors.Add(new("questions", $"at most {SurveyDefinition.MaxQuestions} questions"));

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < def.Questions.Count; i++)
        {
            var q = def.Questions[i];
            var at = $"questions[{i}]";
            var name = string.IsNullOrEmpty(q.Id) ? $"question {i + 1}" : $"question '{q.Id}'";
            if (!IdPattern().IsMatch(q.Id ?? "")) errors.Add(new($"{at}.id", $"{name}: the id must be 1-40 letters, digits, '_' or '-'"));
            else if (q.Id == SurveyDefinition.End) errors.Add(new($"{at}.id", $"{name}: 'end' is reserved for the end of the survey"));
            else if (!ids.Add(q.Id!)) errors.Add(new($"{at}.id", $"{name}: the id is used by another question"));

            if (def.Languages.Count > 0 && string.IsNullOrWhiteSpace(q.Text.GetValueOrDefault(def.DefaultLanguage)))
                errors.Add(new($"{at}.text", $"{name}: the text in the default language '{def.DefaultLanguage}' is missing"));
            foreach (var lang in q.Text.Keys.Where(k => !def.Languages.Contains(k)))
                errors.Add(new($"{at}.text", $"{name}: text in '{lang}', which is not one of the survey's languages"));
            foreach (var (lang, text) in q.Text.Where(t => t.Value?.Length > SurveyDefinition.MaxTextLength))
                errors.Add(new($"{at}.text", $"{name}: the '{lang}' text is longer than {SurveyDefinition.MaxTextLength} characters"));

            if (q.Type == QuestionType.Rating)
            {
                var (min, max) = q.Range;
                if (min < 0 || max > 100 || min >= max) errors.Add(new($"{at}.max", $"{name}: a rating scale must run from a lower to a higher number within 0-100 (got {min}-{max})"));
            }
            if (q.Type is QuestionType.SingleChoice or QuestionType.MultipleChoice)
            {
                if (q.Choices.Count < 2) errors.Add(new($"{at}.choices", $"{name}: a choice question needs at least two choices"));
                var choiceIds = new HashSet<string>(StringComparer.Ordinal);
                for (var c = 0; c < q.Choices.Count; c++)
                {
                    var ch = q.Choices[c];
                    if (!IdPattern().IsMatch(ch.Id ?? "") || !choiceIds.Add(ch.Id!))
                        errors.Add(new($"{at}.choices[{c}].id", $"{name}: choice {c + 1} needs a unique id of letters, digits, '_' or '-'"));
                    if (string.IsNullOrWhiteSpace(ch.Text.GetValueOrDefault(def.DefaultLanguage)))
                        errors.Add(new($"{at}.choices[{c}].text", $"{name}: choice {c + 1} has no text in '{def.DefaultLanguage}'"));
                }
            }
            else if (q.Choices.Count > 0) errors.Add(new($"{at}.choices", $"{name}: only choice questions have choices"));

            for (var b = 0; b < q.Branches.Count; b++)
            {
                var br = q.Branches[b];
                var bat = $"{at}.branches[{b}]";
                if (br.Choice is not null)
                {
                    if (q.Type is not (QuestionType.SingleChoice or QuestionType.MultipleChoice)) errors.Add(new($"{bat}.choice", $"{name}: only a choice question can branch on a choice"));
                    else if (q.Choices.All(c => c.Id != br.Choice)) errors.Add(new($"{bat}.choice", $"{name}: branches on choice '{br.Choice}', which the question does not have"));
                    if (br.Min is not null || br.Max is not null) errors.Add(new(bat, $"{name}: a branch tests either a choice or a score range, not both"));
                }
                else if (!q.IsScale) errors.Add(new(bat, $"{name}: only a scale question can branch on a score"));
                else
                {
                    var (min, max) = q.Range;
                    if (br.Min is null && br.Max is null) errors.Add(new(bat, $"{name}: a score branch needs min, max or both"));
                    if (br.Min is { } lo && (lo < min || lo > max)) errors.Add(new($"{bat}.min", $"{name}: {lo} is outside the scale {min}-{max}"));
                    if (br.Max is { } hi && (hi < min || hi > max)) errors.Add(new($"{bat}.max", $"{name}: {hi} is outside the scale {min}-{max}"));
                    if (br.Min is { } l2 && br.Max is { } h2 && l2 > h2) errors.Add(new(bat, $"{name}: min {l2} is above max {h2}"));
                }
                CheckTarget(def, br.GoTo, $"{bat}.goTo", name, errors);
            }
            if (q.Next is { } next) CheckTarget(def, next, $"{at}.next", name, errors);
        }
        if (errors.Count > 0) return errors; // the graph checks below need sound ids and targets

        // Loops: depth-first search over the flow graph; a back edge is a loop, reported with its path.
        var state = new Dictionary<string, int>();
        var stack = new List<string>();
        string? loop = null;
        void Visit(string id)
        {
            if (loop is not null) return;
            state[id] = 1;
            stack.Add(id);
            foreach (var to in Targets(def, def.Find(id)!))
            {
                if (!state.TryGetValue(to, out var s)) Visit(to);
                else if (s == 1 && loop is null) loop = string.Join(" → ", stack.SkipWhile(x => x != to).Append(to));
                if (loop is not null) return;
            }
            stack.RemoveAt(stack.Count - 1);
            state[id] = 2;
        }
        Visit(def.Questions[0].Id);
        if (loop is not null) errors.Add(new("questions", $"the logic loops: {loop}; a respondent would never reach the end"));
        else
            foreach (var (q, i) in def.Questions.Select((q, i) => (q, i)).Where(x => !state.ContainsKey(x.q.Id)))
                errors.Add(new($"questions[{i}]", $"question '{q.Id}' is unreachable: no path from the first question leads to it"));
        return errors;
    }

    private static void CheckTarget(SurveyDefinition def, string? target, string field, string name, List<DefinitionError> errors)
    {
        if (string.IsNullOrEmpty(target)) errors.Add(new(field, $"{name}: the target is empty; give a question id or 'end'"));
        else if (target != SurveyDefinition.End && def.Find(target) is null) errors.Add(new(field, $"{name}: goes to '{target}', which is not a question of this survey"));
    }

    /// <summary>Every question a respondent can move to from <paramref name="q"/>.</summary>
    private static IEnumerable<string> Targets(SurveyDefinition def, SurveyQuestion q)
    {
        var set = new List<string>();
        foreach (var b in q.Branches) set.Add(b.GoTo);
        // The fallback applies unless the branches cover every possible answer of a scale (and the answer is required).
        if (!(q.Required && CoversScale(q))) set.Add(q.Next ?? DefaultNext(def, q));
        return set.Where(t => t is not null && t != SurveyDefinition.End).Distinct()!;
    }

    private static string DefaultNext(SurveyDefinition def, SurveyQuestion q)
    {
        var i = def.Questions.IndexOf(q);
        return i + 1 < def.Questions.Count ? def.Questions[i + 1].Id : SurveyDefinition.End;
    }

    private static bool CoversScale(SurveyQuestion q)
    {
        if (!q.IsScale || q.Branches.Count == 0) return false;
        var (min, max) = q.Range;
        for (var v = min; v <= max; v++)
        {
            var value = new SurveyAnswerValue { Number = v };
            if (!q.Branches.Any(b => b.Matches(value))) return false;
        }
        return true;
    }
}
