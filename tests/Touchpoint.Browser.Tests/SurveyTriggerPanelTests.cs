using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Touchpoint.Domain.Access;

namespace Touchpoint.Browser.Tests;

/// <summary>The triggers panel of the survey builder: a bad trigger is refused with the reason, a good one is stored and listed.</summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed class SurveyTriggerPanelTests(SqliteBrowserFixture fx)
{
    [Fact]
    public async Task A_trigger_with_a_property_filter_is_added_from_the_builder_and_a_missing_touchpoint_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var api = await fx.App.ClientWithRoleAsync(Roles.Analyst);
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new
        {
            name = "Delivery NPS trigger " + Guid.NewGuid().ToString("N")[..6],
            definition = new { languages = new[] { "en" }, questions = new object[] { new { id = "nps", type = "nps", required = true, text = new { en = "How likely are you to recommend us?" } } } },
        }, ct);
        var surveyId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt64();

        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url($"/voice/surveys/{surveyId}/edit"));
        await BrowserFixture.Interactive(page);
        var panel = page.GetByTestId("survey-triggers");
        await Assertions.Expect(panel.GetByTestId("no-triggers")).ToBeVisibleAsync();

        await panel.GetByTestId("add-trigger").ClickAsync();
        await Assertions.Expect(panel.GetByTestId("form-errors")).ToContainTextAsync("event type", new() { IgnoreCase = true });

        await panel.GetByLabel("Touchpoint type").FillAsync("order.delivered");
        await panel.GetByLabel("Hours after").FillAsync("72");
        await panel.GetByLabel("Event property (optional)").FillAsync("carrier");
        await panel.GetByLabel("Value").FillAsync("express");
        await panel.GetByTestId("add-trigger").ClickAsync();
        var row = panel.GetByTestId("trigger-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("72 h after order.delivered");
        await Assertions.Expect(row).ToContainTextAsync("carrier equals \"express\"");

        var stored = await fx.InStoreAsync(db => db.SurveyTriggers.SingleAsync(t => t.SurveyId == surveyId));
        Assert.Equal(("order.delivered", 72, "carrier", "express"), (stored.EventType, stored.DelayHours, stored.PropertyName, stored.PropertyValue));
        if (Environment.GetEnvironmentVariable("TP_SCREENSHOT_DIR") is { Length: > 0 } dir)
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "triggers-panel.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_scores_page_shows_response_rates_per_channel()
    {
        var ct = TestContext.Current.CancellationToken;
        var api = await fx.App.ClientWithRoleAsync(Roles.Analyst);
        var created = await api.PostAsJsonAsync("/api/v1/surveys", new
        {
            name = "Rates page " + Guid.NewGuid().ToString("N")[..6],
            definition = new { languages = new[] { "en" }, questions = new object[] { new { id = "nps", type = "nps", required = true, text = new { en = "Recommend us?" } } } },
        }, ct);
        var surveyId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt64();
        await api.PostAsync($"/api/v1/surveys/{surveyId}/publish", null, ct);
        var customer = await fx.InStoreAsync(db => db.Customers.Where(c => !db.SurveyInvitations.Any(i => i.CustomerId == c.Id)).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var invite = await api.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { customerId = customer, channel = "link" }, ct);
        Assert.True(invite.IsSuccessStatusCode, await invite.Content.ReadAsStringAsync(ct));

        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/voice/scores"));
        await BrowserFixture.Interactive(page);
        var panel = page.GetByTestId("response-rates");
        await Assertions.Expect(panel.GetByTestId("rate-row").Filter(new() { HasText = "link" })).ToBeVisibleAsync();
        await Assertions.Expect(panel.GetByTestId("rate-row").Filter(new() { HasText = "after-solve" })).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator(".js-plotly-plot")).ToBeVisibleAsync();
        if (Environment.GetEnvironmentVariable("TP_SCREENSHOT_DIR") is { Length: > 0 } dir)
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "response-rates.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
