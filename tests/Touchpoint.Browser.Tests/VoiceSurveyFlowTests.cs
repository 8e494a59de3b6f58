using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Touchpoint.Domain.Access;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// The survey flow as people meet it: an analyst builds an NPS survey with a follow-up question and publishes it; a
/// customer opens the invitation link (a static page, no circuit), answers the score and the follow-up and sees the
/// thank-you; the answer shows in the survey's answers with its sentiment, and its words in the themes.
/// </summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed partial class VoiceSurveyFlowTests(SqliteBrowserFixture fx)
{
    [GeneratedRegex(@"/voice/surveys/(\d+)/edit$")]
    private static partial Regex EditUrl();

    private async Task<long> BuildAndPublishAsync(IPage page, string name)
    {
        await page.GotoAsync(fx.Url("/voice/surveys/new"));
        await BrowserFixture.Interactive(page);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name" }).First.FillAsync(name);
        // The new-survey form starts as an NPS question whose follow-up depends on the score: 0-6 → what went wrong.
        await Assertions.Expect(page.GetByTestId("question-row")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("survey-preview")).ToContainTextAsync("if 0-6 go to what_went_wrong");
        // The preview opens in the default language rather than an empty language box.
        await Assertions.Expect(page.GetByTestId("survey-preview").Locator("input").First).ToHaveValueAsync("en");
        await page.GetByTestId("save-survey").ClickAsync();
        await page.WaitForURLAsync(EditUrl());
        var id = long.Parse(EditUrl().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.GetByTestId("builder-status")).ToContainTextAsync("draft");
        await page.GetByTestId("publish-survey").ClickAsync();
        await Assertions.Expect(page.GetByTestId("builder-saved")).ToContainTextAsync("Published");
        await Assertions.Expect(page.GetByTestId("builder-status")).ToContainTextAsync("live");
        return id;
    }

    [Fact]
    public async Task A_survey_built_in_the_browser_is_answered_through_its_invitation_link_and_the_answer_shows_up()
    {
        var (page, errors) = await fx.SignedInPageAsync();
        var surveyId = await BuildAndPublishAsync(page, "Delivery NPS " + Guid.NewGuid().ToString("N")[..6]);
        var stored = await fx.InStoreAsync(db => db.Surveys.FirstAsync(s => s.Id == surveyId));
        Assert.Equal("Live", stored.Status.ToString());

        // A customer nobody has invited yet (the contact limit would hold a second invitation back).
        var customer = await fx.InStoreAsync(db => db.Customers.Where(c => !db.SurveyInvitations.Any(i => i.CustomerId == c.Id)).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var api = await fx.App.ClientWithRoleAsync(Roles.Analyst);
        var invite = await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { customerId = customer, channel = "email", touchpoint = "delivery" }, TestContext.Current.CancellationToken);
        var body = await invite.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(invite.IsSuccessStatusCode, body.ToString());
        var link = body.GetProperty("link").GetString()!;
        var token = link[(link.LastIndexOf('/') + 1)..];

        var (customerPage, customerErrors) = await fx.NewPageAsync();
        await customerPage.GotoAsync(fx.Url("/s/" + token));
        await Assertions.Expect(customerPage.Locator("legend")).ToContainTextAsync("How likely are you to recommend us");
        await customerPage.Locator("label:has(input[name=value][value='3'])").ClickAsync();
        await customerPage.GetByTestId("answer-next").ClickAsync();
        await Assertions.Expect(customerPage.Locator("legend")).ToContainTextAsync("What should we have done better?");
        const string comment = "The delivery was two weeks late and support never answered my emails.";
        await customerPage.GetByLabel("Your answer").FillAsync(comment);
        await customerPage.GetByTestId("answer-next").ClickAsync();
        await Assertions.Expect(customerPage.GetByTestId("answer-thanks")).ToHaveTextAsync("Thank you! Your answer has been recorded.");
        Assert.Empty(customerErrors);

        var answer = await fx.InStoreAsync(db => db.SurveyResponses.FirstAsync(r => r.SurveyId == surveyId));
        Assert.Equal(3, answer.Score);
        Assert.Equal(comment, answer.Comment);
        Assert.NotNull(answer.CompletedAtUtc);

        await page.GotoAsync(fx.Url($"/voice/surveys/{surveyId}"));
        await BrowserFixture.Interactive(page);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = comment });
        await Assertions.Expect(row).ToContainTextAsync("3");
        await Assertions.Expect(row.GetByTestId("answer-sentiment")).ToContainTextAsync("negative");

        await page.GotoAsync(fx.Url("/voice/themes"));
        await BrowserFixture.Interactive(page);
        await page.Locator("div.mud-select").Filter(new() { HasText = "Survey" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = stored.Name }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("themes-summary")).ToContainTextAsync("1 answers with text");
        await Assertions.Expect(page.Locator("#themes-table")).ToContainTextAsync("Delays and waiting");
        await Assertions.Expect(page.Locator("#themes-table .quote-text").First).ToContainTextAsync(comment);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_themes_page_charts_the_drivers_and_shows_customer_quotes_as_text_not_markup()
    {
        var ct = TestContext.Current.CancellationToken;
        var api = await fx.App.ClientWithRoleAsync(Roles.Analyst);
        var name = "Themes " + Guid.NewGuid().ToString("N")[..6];
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new
        {
            name,
            definition = new { questions = new object[] { new { id = "nps", type = "nps", required = true, text = new { en = "Recommend us?" } }, new { id = "why", type = "freeText", text = new { en = "Why?" } } } },
        }, ct);
        var surveyId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt64();
        Assert.True((await api.PostAsync($"/api/v1/surveys/{surveyId}/publish", null, ct)).IsSuccessStatusCode);
        // Anonymous answers: the shared demo company must keep its 200 customers for the other browser tests.
        const string markup = "<img src=x onerror=alert(1)> <b>delivery</b> was terrible";
        foreach (var (i, score, comment) in new[] { (1, 0, markup), (2, 10, "Fast delivery and great service"), (3, 8, "The price was fair") })
        {
            var r = await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/responses", new { id = $"{name}-{i}", score, comment }, ct);
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync(ct));
        }
        var survey = new { Name = name };

        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/voice/themes"));
        await BrowserFixture.Interactive(page);
        await page.Locator("div.mud-select").Filter(new() { HasText = "Survey" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = survey.Name }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("themes-summary")).ToContainTextAsync("answers with text");
        await Assertions.Expect(page.Locator("#themes-drivers .main-svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#themes-drivers g.ytick").Filter(new() { HasText = "Delivery" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#themes-table .quote-text").Filter(new() { HasText = "<b>delivery</b> was terrible" })).ToHaveCountAsync(1);
        Assert.Equal(0, await page.Locator("#themes-table img, #themes-table .quote-text b").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "tp-voice-themes.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
