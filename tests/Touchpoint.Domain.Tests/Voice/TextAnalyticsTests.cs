using Touchpoint.Domain.Voice;
using Touchpoint.Domain.Voice.Text;

namespace Touchpoint.Domain.Tests.Voice;

public sealed class SentimentTests
{
    private static SentimentLabel L(string text) => SentimentAnalyzer.Analyze(text).Label;

    [Theory]
    [InlineData("The service was good", SentimentLabel.Positive)]
    [InlineData("The service was not good", SentimentLabel.Negative)]
    [InlineData("I didn't like it at all", SentimentLabel.Negative)]
    [InlineData("No problems at all", SentimentLabel.Positive)]
    [InlineData("Gostei muito do produto", SentimentLabel.Positive)]
    [InlineData("Não gostei do produto", SentimentLabel.Negative)]
    [InlineData("Nao gostei do produto", SentimentLabel.Negative)]
    [InlineData("Sem problemas, recomendo", SentimentLabel.Positive)]
    [InlineData("The router arrived on Tuesday", SentimentLabel.Neutral)]
    public void Negation_flips_and_accents_do_not_matter(string text, SentimentLabel expected) => Assert.Equal(expected, L(text));

    [Fact]
    public void A_booster_strengthens_and_a_dampener_weakens()
    {
        var good = SentimentAnalyzer.Analyze("good").Score;
        Assert.True(SentimentAnalyzer.Analyze("very good").Score > good);
        Assert.True(SentimentAnalyzer.Analyze("slightly good").Score < good);
        Assert.True(SentimentAnalyzer.Analyze("muito bom").Score > SentimentAnalyzer.Analyze("bom").Score);
    }

    [Fact]
    public void What_comes_after_but_outweighs_what_came_before()
    {
        Assert.Equal(SentimentLabel.Negative, L("The product is good but the delivery was terrible"));
        Assert.Equal(SentimentLabel.Positive, L("A entrega demorou, mas o produto é excelente"));
    }

    [Fact]
    public void Negation_does_not_reach_across_a_sentence()
    {
        Assert.Equal(SentimentLabel.Positive, L("Not sure yet. Great staff."));
    }

    [Fact]
    public void Scores_stay_between_minus_one_and_one()
    {
        var s = SentimentAnalyzer.Analyze("terrible awful appalling dreadful worst horrible!!!!");
        Assert.InRange(s.Score, -1, -0.9);
    }

    /// <summary>Real comments, quoted from ../shared/data (olist-sample/olist_order_reviews.csv, CC BY-NC-SA 4.0; nps-verbatims/nps_verbatims.csv, GPL).</summary>
    [Theory]
    [InlineData("Recebi bem antes do prazo estipulado.", SentimentLabel.Positive, "pt")]
    [InlineData("Péssimo", SentimentLabel.Negative, "pt")]
    [InlineData("o meu produto não chegou... segundo o rastreio está parado em Ribeirão Preto sp...", SentimentLabel.Negative, "pt")]
    [InlineData("Very efficient set up and delivery of equipment. Great communication.", SentimentLabel.Positive, "en")]
    [InlineData("Because I am still Waiting for you to supply me with faster broadband broadband 8 weeks later.", SentimentLabel.Negative, "en")]
    [InlineData("Customer service and installation time was terrible", SentimentLabel.Negative, "en")]
    public void Real_comments_get_the_label_and_language_a_reader_would_give(string text, SentimentLabel expected, string language)
    {
        var s = SentimentAnalyzer.Analyze(text);
        Assert.Equal(expected, s.Label);
        Assert.Equal(language, s.Language);
    }
}

public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("O produto chegou antes do prazo e com qualidade", "pt")]
    [InlineData("The engineer turned up late and the router was faulty", "en")]
    [InlineData("OTIMA", "pt")]
    [InlineData("Excellent", "en")]
    [InlineData("Sdds", "en")]
    [InlineData("Sdds", "pt", "pt")]
    public void Stop_words_then_lexicon_then_letters_then_the_hint_decide(string text, string expected, string? hint = null) =>
        Assert.Equal(expected, LanguageDetector.Detect(text, hint));
}

public sealed class ThemeTests
{
    [Theory]
    [InlineData("A entrega atrasou duas semanas", "delivery,delay")]
    [InlineData("The engineer never turned up for the installation", "installation")]
    [InlineData("Pedi reembolso e sem resposta até momento", "communication,refund")]
    [InlineData("Great PRICE, cheap and good value", "price")]
    [InlineData("Veio o produto errado", "wrong_item,product")]
    [InlineData("Recebi bem antes do prazo estipulado.", "delivery")] // Olist: "prazo" is the delivery time, early here
    [InlineData("Produto entregue fora do prazo", "delivery,delay,product")]
    [InlineData("Ainda não recebi o produto", "delivery,delay,product")]
    public void Keyword_groups_find_the_themes_in_both_languages(string text, string expected) =>
        Assert.Equal(expected.Split(',').Order(), ThemeCatalog.Of(text).Select(t => t.Id).Order());

    [Fact]
    public void Driver_effect_is_the_nps_difference_with_and_without_the_theme_with_its_interval()
    {
        // With "late": scores 0, 0, 10 → NPS (1 − 2)/3 = −33.3; without: 10, 10, 9, 7 → NPS 3/4 = 75.
        var inputs = new[]
        {
            new ThemeInput(1, "Delivery was late", 0), new ThemeInput(2, "Late again", 0), new ThemeInput(3, "A bit late but lovely", 10),
            new ThemeInput(4, "Lovely staff", 10), new ThemeInput(5, "Great", 10), new ThemeInput(6, "Great value", 9), new ThemeInput(7, "Fine", 7),
        };
        var report = ThemeAnalysis.Report(SurveyKind.Nps, inputs);
        var delay = Assert.Single(report.Themes, t => t.Id == "delay");
        Assert.Equal(3, delay.Count);
        Assert.Equal(-33.333, delay.Driver.With.Value!.Value, 3);
        Assert.Equal(75, delay.Driver.Without.Value!.Value, 6);
        Assert.Equal(-108.333, delay.Driver.Difference!.Value, 3);
        // SE_with = 100 √((1 − 1/9)/3), SE_without = 100 √((0.75 − 0.5625)/4); interval ± 1.96 √(SE_with² + SE_without²).
        double seWith = 100 * Math.Sqrt((1 - 1.0 / 9) / 3), seWithout = 100 * Math.Sqrt((0.75 - 0.5625) / 4);
        var half = VoiceStatistics.Z95 * Math.Sqrt(seWith * seWith + seWithout * seWithout);
        Assert.Equal(-108.333 - half, delay.Driver.Low!.Value, 2);
        Assert.Equal(-108.333 + half, delay.Driver.High!.Value, 2);
        Assert.InRange(delay.Quotes.Count, 1, 3);
        Assert.Equal(7, report.Texts);
    }

    [Fact]
    public void Long_quotes_are_shortened_for_display_only()
    {
        var report = ThemeAnalysis.Report(SurveyKind.Csat, [new ThemeInput(1, "The delivery " + new string('x', 400), 2)]);
        var quote = Assert.Single(report.Themes.Single(t => t.Id == "delivery").Quotes);
        Assert.Equal(ThemeAnalysis.QuoteLength, quote.Text.Length);
        Assert.EndsWith("…", quote.Text);
    }
}

public sealed class SentimentAgreementTests
{
    [Fact]
    public void Accuracy_macro_f1_and_the_confusion_matrix_match_a_hand_count()
    {
        const SentimentLabel N = SentimentLabel.Negative, U = SentimentLabel.Neutral, P = SentimentLabel.Positive;
        // truth → predicted: N→N ×3, N→P ×1, U→U ×1, U→N ×1, P→P ×4.
        var pairs = new[] { (N, N), (N, N), (N, N), (N, P), (U, U), (U, N), (P, P), (P, P), (P, P), (P, P) };
        var a = SentimentAgreement.Measure(pairs);
        Assert.Equal(10, a.N);
        Assert.Equal(0.8, a.Accuracy, 10);
        Assert.Equal([3, 0, 1], a.Confusion[0]);
        Assert.Equal([1, 1, 0], a.Confusion[1]);
        Assert.Equal([0, 0, 4], a.Confusion[2]);
        // F1: negative P 3/4 R 3/4 → 0.75; neutral P 1 R 1/2 → 2/3; positive P 4/5 R 1 → 8/9.
        Assert.Equal((0.75 + 2.0 / 3 + 8.0 / 9) / 3, a.MacroF1, 10);
        Assert.Equal(0.75, a.NegativeRecall, 10);
    }
}
