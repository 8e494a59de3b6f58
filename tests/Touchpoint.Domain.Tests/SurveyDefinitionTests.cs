using Touchpoint.Domain.Voice;

namespace Touchpoint.Domain.Tests;

public class SurveyDefinitionTests
{
    private static SurveyQuestion Q(string id, QuestionType type, bool required = false, string? next = null, params SurveyBranch[] branches) =>
        new() { Id = id, Type = type, Text = new() { ["en"] = "Text of " + id }, Required = required, Next = next, Branches = [.. branches] };

    /// <summary>NPS with a follow-up that depends on the score: detractors get "what went wrong", the rest "what did you like".</summary>
    public static SurveyDefinition NpsWithFollowUp() => new()
    {
        Languages = ["en", "pt"],
        Questions =
        [
            Q("nps", QuestionType.Nps, required: true, next: null,
                new SurveyBranch { Max = 6, GoTo = "why_low" }, new SurveyBranch { Min = 7, GoTo = "why_high" }) with
                { Text = new() { ["en"] = "How likely are you to recommend us?", ["pt"] = "Qual a probabilidade de nos recomendar?" } },
            Q("why_low", QuestionType.FreeText, next: SurveyDefinition.End),
            Q("why_high", QuestionType.FreeText),
        ],
    };

    [Fact]
    public void A_sound_definition_with_a_score_follow_up_passes() => Assert.Empty(SurveyDefinitionValidator.Validate(NpsWithFollowUp()));

    [Fact]
    public void The_follow_up_depends_on_the_score()
    {
        var def = NpsWithFollowUp();
        var low = new Dictionary<string, SurveyAnswerValue> { ["nps"] = new() { Number = 3 } };
        Assert.Equal("why_low", SurveyFlow.Current(def, low)!.Id);
        var high = new Dictionary<string, SurveyAnswerValue> { ["nps"] = new() { Number = 9 } };
        Assert.Equal("why_high", SurveyFlow.Current(def, high)!.Id);
        low["why_low"] = new() { Text = "late" };
        Assert.Null(SurveyFlow.Current(def, low)); // why_low ends the survey
        Assert.Equal((3, "late"), SurveyFlow.Summary(def, low));
    }

    [Fact]
    public void A_branch_to_a_missing_question_is_refused_naming_it()
    {
        var def = new SurveyDefinition { Questions = [Q("a", QuestionType.Csat, true, null, new SurveyBranch { Max = 2, GoTo = "nowhere" }), Q("b", QuestionType.FreeText)] };
        var e = Assert.Single(SurveyDefinitionValidator.Validate(def));
        Assert.Equal("questions[0].branches[0].goTo", e.Field);
        Assert.Contains("'nowhere'", e.Message);
    }

    [Fact]
    public void A_loop_is_refused_with_its_path()
    {
        var def = new SurveyDefinition { Questions = [Q("a", QuestionType.Rating), Q("b", QuestionType.FreeText, next: "a")] };
        var e = Assert.Single(SurveyDefinitionValidator.Validate(def));
        Assert.Contains("loops", e.Message);
        Assert.Contains("a → b → a", e.Message);
    }

    [Fact]
    public void An_unreachable_question_is_refused()
    {
        var def = new SurveyDefinition { Questions = [Q("a", QuestionType.Nps, next: "c"), Q("b", QuestionType.FreeText), Q("c", QuestionType.FreeText)] };
        var e = Assert.Single(SurveyDefinitionValidator.Validate(def));
        Assert.Equal("questions[1]", e.Field);
        Assert.Contains("'b' is unreachable", e.Message);
    }

    [Fact]
    public void Branches_covering_the_whole_required_scale_make_the_fallback_unreachable_but_not_an_error()
    {
        // nps → (0-6 why_low | 7-10 why_high); why_low ends; "why_high" is reached only by its branch.
        Assert.Empty(SurveyDefinitionValidator.Validate(NpsWithFollowUp()));
    }

    [Theory]
    [InlineData("dup")]
    [InlineData("text")]
    [InlineData("choices")]
    [InlineData("range")]
    [InlineData("language")]
    public void Other_broken_definitions_are_refused(string what)
    {
        var def = what switch
        {
            "dup" => new SurveyDefinition { Questions = [Q("a", QuestionType.Nps), Q("a", QuestionType.FreeText)] },
            "text" => new SurveyDefinition { Questions = [Q("a", QuestionType.Nps) with { Text = new() { ["pt"] = "só em português" } }] },
            "choices" => new SurveyDefinition { Questions = [Q("a", QuestionType.SingleChoice)] },
            "range" => new SurveyDefinition { Questions = [Q("a", QuestionType.Csat, false, null, new SurveyBranch { Min = 0, Max = 9, GoTo = SurveyDefinition.End })] },
            _ => new SurveyDefinition { Languages = ["english"], Questions = [Q("a", QuestionType.Nps)] },
        };
        Assert.NotEmpty(SurveyDefinitionValidator.Validate(def));
    }

    [Theory]
    [InlineData(QuestionType.Nps, 11, "out of range")]
    [InlineData(QuestionType.Csat, 0, "out of range")]
    [InlineData(QuestionType.Ces, 8, "out of range")]
    public void Out_of_range_answers_are_refused(QuestionType type, int value, string expected) =>
        Assert.Contains(expected, SurveyFlow.Check(Q("q", type), new SurveyAnswerValue { Number = value }));

    [Fact]
    public void Oversized_text_and_unknown_choices_are_refused()
    {
        Assert.Contains("longer", SurveyFlow.Check(Q("t", QuestionType.FreeText), new SurveyAnswerValue { Text = new string('x', SurveyFlow.MaxTextAnswer + 1) }));
        var choice = Q("c", QuestionType.SingleChoice) with { Choices = [new() { Id = "x", Text = new() { ["en"] = "X" } }, new() { Id = "y", Text = new() { ["en"] = "Y" } }] };
        Assert.Contains("no choice 'z'", SurveyFlow.Check(choice, new SurveyAnswerValue { Choices = ["z"] }));
        Assert.Contains("one choice", SurveyFlow.Check(choice, new SurveyAnswerValue { Choices = ["x", "y"] }));
        Assert.Null(SurveyFlow.Check(choice, new SurveyAnswerValue { Choices = ["y"] }));
    }

    [Fact]
    public void A_definition_round_trips_through_json()
    {
        var json = NpsWithFollowUp().ToJson();
        Assert.Contains("\"type\":\"nps\"", json);
        var back = SurveyDefinition.FromJson(json, SurveyKind.Nps, "");
        Assert.Equal(json, back.ToJson());
        Assert.Equal(SurveyKind.Nps, back.Kind);
    }
}
