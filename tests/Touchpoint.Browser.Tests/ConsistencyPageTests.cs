using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Touchpoint.Browser.Tests;

/// <summary>The consistency page on the demo company: CSAT per channel with intervals, spread and a chart.</summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed class ConsistencyPageTests(SqliteBrowserFixture fx)
{
    [Fact]
    public async Task Csat_per_channel_shows_each_channel_with_its_interval_the_spread_and_a_chart()
    {
        var channels = await fx.InStoreAsync(db => (from r in db.SurveyResponses join s in db.Surveys on r.SurveyId equals s.Id
                                                    where s.Kind == Touchpoint.Domain.Voice.SurveyKind.Csat && r.Score != null
                                                    select r.Channel).Distinct().CountAsync());
        Assert.True(channels >= 2, "the demo company answers CSAT on several channels");
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/journeys/consistency"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.GetByTestId("consistency-group")).ToHaveCountAsync(channels);
        await Assertions.Expect(page.GetByTestId("consistency-spread")).ToContainTextAsync("range");
        await Assertions.Expect(page.Locator("#consistency-chart .main-svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("consistency-group").First.Locator("td").Nth(3)).ToContainTextAsync(" to ");
        if (Environment.GetEnvironmentVariable("TP_SCREENSHOTS") is { Length: > 0 } dir)
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "consistency.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
