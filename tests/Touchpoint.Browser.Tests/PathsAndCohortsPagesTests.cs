using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Touchpoint.Browser.Tests;

/// <summary>The paths Sankey and the retention triangle on the demo company.</summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed class PathsAndCohortsPagesTests(SqliteBrowserFixture fx)
{
    /// <summary>The first chart of a run loads plotly.js (several MB) into a cold browser, so charts get more time than text.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Chart = new() { Timeout = 20_000 };

    [Fact]
    public async Task Paths_and_cohorts_pages_draw_their_charts_with_a_table_below()
    {
        var visitors = await fx.InStoreAsync(db => db.Events.Where(e => e.Type == "site.visited").Select(e => e.CustomerId).Distinct().CountAsync());
        var (page, errors) = await fx.SignedInPageAsync();

        // Plotly.Blazor queues a chart until plotly.js has loaded and then draws it even if its div is gone, which is
        // a console error: let the overview's chart finish before leaving the page through the menu.
        await Assertions.Expect(page.Locator("#chart-channels .main-svg").First).ToBeAttachedAsync(new() { Timeout = 20_000 });
        await page.GetByRole(AriaRole.Link, new() { Name = "Paths" }).ClickAsync();
        await page.WaitForURLAsync(fx.Url("/journeys/paths"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.Locator("#paths-chart .main-svg").First).ToBeVisibleAsync(Chart);
        await Assertions.Expect(page.Locator("#paths-chart .sankey-node").First).ToBeVisibleAsync(Chart);
        var rows = page.GetByTestId("paths-row");
        await Assertions.Expect(rows.First.Locator("td").Nth(0)).ToHaveTextAsync("1");
        await Assertions.Expect(rows.First.Locator("td").Nth(1)).ToHaveTextAsync("site.visited");
        var firstStep = await page.Locator("[data-testid=paths-row]").EvaluateAllAsync<long[]>(
            "rs => rs.filter(r => r.cells[0].textContent.trim() === '1').map(r => Number(r.cells[3].textContent.replace(/,/g, '')))");
        Assert.True(firstStep.Sum() <= visitors && firstStep.Sum() > 0, $"step 1 counts {firstStep.Sum()} of {visitors} visitors");

        await page.GetByRole(AriaRole.Link, new() { Name = "Cohorts" }).ClickAsync();
        await page.WaitForURLAsync(fx.Url("/journeys/cohorts"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.Locator("#cohorts-chart .main-svg").First).ToBeVisibleAsync(Chart);
        await Assertions.Expect(page.Locator("#cohorts-chart .hm").First).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByTestId("churn-row").First.Locator("td").Nth(0)).ToHaveTextAsync("Month 1");
        await Assertions.Expect(page.GetByTestId("churn-row").First.Locator("td").Nth(4)).ToContainTextAsync("%");
        Assert.True(errors.Count == 0, string.Join(" | ", errors));
    }

    [Fact]
    public async Task Paths_ending_at_a_chosen_touchpoint_show_no_drop_off_and_every_path_reaches_it()
    {
        var (page, errors) = await fx.SignedInPageAsync();
        await Assertions.Expect(page.Locator("#chart-channels .main-svg").First).ToBeAttachedAsync(new() { Timeout = 20_000 });
        await page.GotoAsync(fx.Url("/journeys/paths"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.Locator("#paths-chart .main-svg").First).ToBeVisibleAsync(Chart);
        await page.Locator("[data-testid=paths-end]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "order.placed", Exact = true }).ClickAsync();
        await page.GetByTestId("paths-run").ClickAsync();

        var rows = page.GetByTestId("paths-row");
        // The unfiltered paths of the demo have drop-offs; the answer for the end type has none.
        await Assertions.Expect(rows.Filter(new() { HasText = "drop-off" })).ToHaveCountAsync(0);
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        var table = await rows.EvaluateAllAsync<string[][]>("rs => rs.map(r => Array.from(r.cells).map(c => c.textContent.trim()))");
        Assert.DoesNotContain(table, r => r[2] == "drop-off");
        Assert.DoesNotContain(table, r => r[1] == "order.placed"); // each path is cut where it first reaches the end type
        Assert.Contains(table, r => r[2] == "order.placed");
        if (Environment.GetEnvironmentVariable("TP_SCREENSHOTS") is { Length: > 0 } dir)
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "paths-end.png"), FullPage = true });
        Assert.True(errors.Count == 0, string.Join(" | ", errors));
    }

    [Fact]
    public async Task Paths_of_the_journey_stages_start_at_a_stage_and_never_repeat_one_back_to_back()
    {
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/journeys/paths"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.Locator("#paths-chart .main-svg").First).ToBeVisibleAsync(Chart);
        await page.Locator("[data-testid=paths-by]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "stages of Shopper", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=paths-start]")).ToContainTextAsync("Awareness");
        await page.GetByTestId("paths-run").ClickAsync();

        var rows = page.GetByTestId("paths-row");
        await Assertions.Expect(rows.Filter(new() { HasText = "Purchase" }).First).ToBeVisibleAsync();
        var table = await rows.EvaluateAllAsync<string[][]>("rs => rs.map(r => Array.from(r.cells).map(c => c.textContent.trim()))");
        Assert.All(table.Where(r => r[0] == "1"), r => Assert.Equal("awareness", r[1]));
        Assert.DoesNotContain(table, r => r[1] == r[2]);
        if (Environment.GetEnvironmentVariable("TP_SCREENSHOTS") is { Length: > 0 } dir)
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "paths-stages.png"), FullPage = true });
        Assert.True(errors.Count == 0, string.Join(" | ", errors));
    }
}
