using Microsoft.Playwright;
using Touchpoint.Data.Store;
using Touchpoint.Data.Voice;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// Its own app: the real Olist reviews imported as CSAT answers would change the CSAT other browser tests see on the
/// demo company.
/// </summary>
public sealed class OlistBrowserFixture() : BrowserFixture(StoreProvider.Sqlite), IAsyncLifetime
{
    private static readonly string Dir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data/olist-sample"));

    public long SurveyId { get; private set; }

    // Listed again so that xunit's IAsyncLifetime call reaches this method, which starts the app and then imports.
    public new async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var report = await InStoreAsync(db => OlistReviewImport.RunAsync(db, Dir, DateTime.UtcNow, CancellationToken.None));
        if (report.Rejected.Count > 0) throw new InvalidOperationException("the Olist reviews did not import: " + report.Rejected[0].Reason);
        SurveyId = report.SurveyId;
    }
}

/// <summary>The scores and themes pages on the real Olist reviews, as an analyst opens them from the import's links.</summary>
public sealed class OlistVoicePagesTests(OlistBrowserFixture fx) : IClassFixture<OlistBrowserFixture>
{
    /// <summary>Set TP_SCREENSHOTS to a folder to keep a picture of each page for a person to look at.</summary>
    private static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("TP_SCREENSHOTS") is { Length: > 0 } dir)
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task The_scores_page_shows_the_review_survey_with_late_deliveries_scoring_lower()
    {
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url($"/voice/scores?metric=csat&surveyId={fx.SurveyId}&by=touchpoint"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.GetByText(OlistReviewImport.SurveyName)).ToBeVisibleAsync();
        // docs/real-data.md: 41 late reviews at 2.59 stars (CSAT 34.1%), 556 on time at 4.36.
        await Assertions.Expect(page.Locator("tr[data-group='delivery (late)'] td")).ToHaveTextAsync(["delivery (late)", "41", "34.1", "21.6 to 49.5", "2.59"]);
        await Assertions.Expect(page.Locator("tr[data-group='delivery (on time)'] td").Nth(4)).ToHaveTextAsync("4.36");
        await Assertions.Expect(page.Locator("#voice-breakdown .main-svg").First).ToBeVisibleAsync();
        await ShotAsync(page, "olist-scores");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Picking_the_review_survey_narrows_the_scores_to_its_answers()
    {
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/voice/scores?metric=csat"));
        await BrowserFixture.Interactive(page);
        var overall = page.GetByText("Overall:");
        var all = await overall.TextContentAsync();
        await page.Locator("div.mud-select").Filter(new() { HasText = "Survey" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = OlistReviewImport.SurveyName }).ClickAsync();
        await Assertions.Expect(overall).ToContainTextAsync("6123 answers");
        Assert.DoesNotContain("6123 answers", all); // the demo company's CSAT answers counted before the pick
        await Assertions.Expect(page.Locator("tr[data-group='delivery (late)']")).ToHaveCountAsync(1);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_themes_page_shows_portuguese_themes_with_quotes()
    {
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url($"/voice/themes?metric=csat&surveyId={fx.SurveyId}"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.GetByTestId("themes-summary")).ToContainTextAsync("2678 answers with text");
        var delay = page.Locator("#themes-table tr").Filter(new() { HasText = "Delays and waiting" });
        await Assertions.Expect(delay).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".quote-text").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("(?i)atras|prazo|entrega") }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#themes-drivers .main-svg").First).ToBeVisibleAsync();
        await ShotAsync(page, "olist-themes");
        Assert.Empty(errors);
    }
}
