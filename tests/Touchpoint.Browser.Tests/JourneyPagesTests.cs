using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Touchpoint.Browser.Tests;

/// <summary>The journey map and the funnel page, as an analyst uses them on the demo company.</summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed class JourneyPagesTests(SqliteBrowserFixture fx)
{
    /// <summary>Set TP_SCREENSHOTS to a folder to keep a picture of each page for a person to look at.</summary>
    private static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("TP_SCREENSHOTS") is { Length: > 0 } dir)
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task The_journey_map_shows_stages_left_to_right_with_owners_volumes_and_the_late_delivery_marker()
    {
        var id = await fx.InStoreAsync(db => db.Journeys.Where(j => j.Name == "Shopper").Select(j => j.Id).SingleAsync());
        var delivered = await fx.InStoreAsync(db => db.Events.Where(e => e.Type == "order.delivered").Select(e => e.CustomerId).Distinct().CountAsync());
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/journeys")); // other tests add journeys such as "Shopper EU"
        await BrowserFixture.Interactive(page); // a click on the prerendered list can be undone when the circuit starts
        await page.GetByRole(AriaRole.Link, new() { Name = "Shopper", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(fx.Url($"/journeys/map/{id}"));
        await Assertions.Expect(page.GetByTestId("journey-name")).ToHaveTextAsync("Shopper journey map");

        var stages = page.GetByTestId("map-stage");
        Assert.Equal(["awareness", "purchase", "delivery", "support", "repeat", "advocacy"],
            await stages.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.stage)"));
        var boxes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => stages.Nth(i).BoundingBoxAsync()));
        Assert.True(boxes.Zip(boxes.Skip(1)).All(p => p.First!.X < p.Second!.X), "stages run left to right");

        var delivery = page.Locator("[data-stage=delivery]");
        var deliveredCard = delivery.GetByTestId("map-touchpoint").Filter(new() { HasText = "order.delivered" });
        await Assertions.Expect(deliveredCard).ToContainTextAsync("owner: Delivery");
        await Assertions.Expect(deliveredCard).ToContainTextAsync($"{delivered:N0} customers");
        await Assertions.Expect(delivery.GetByTestId("stage-friction")).ToContainTextAsync("Promise missed");
        await Assertions.Expect(delivery).ToContainTextAsync("NPS ");
        await ShotAsync(page, "journey-map");
        Assert.Empty(errors);
    }

    /// <summary>
    /// The friction page on the engine: late delivery among the top NPS friction points, owned by Delivery, with example
    /// customers to open; the page says when the report was computed and Refresh computes it again.
    /// </summary>
    [Fact]
    public async Task The_friction_page_ranks_late_delivery_with_its_owner_and_can_refresh()
    {
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/journeys/friction"));
        await BrowserFixture.Interactive(page);
        var rows = page.GetByTestId("friction-table").GetByTestId("friction-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        var keys = await rows.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.key)");
        Assert.Contains("promise_missed", keys.Take(5));
        var late = page.Locator("[data-testid=friction-table] [data-key=promise_missed]");
        await Assertions.Expect(late).ToContainTextAsync("Delivery");
        Assert.True(await late.GetByRole(AriaRole.Link).CountAsync() > 0, "example customers are links");
        await Assertions.Expect(page.GetByTestId("friction-computed")).ToContainTextAsync("Computed");
        await page.GetByTestId("friction-refresh").ClickAsync();
        await Assertions.Expect(page.GetByTestId("friction-computed")).ToHaveTextAsync("Computed just now");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await ShotAsync(page, "friction");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_funnel_built_on_the_page_shows_conversion_drop_off_and_time_to_convert()
    {
        var placed = await fx.InStoreAsync(db => db.Events.Where(e => e.Type == "order.placed").Select(e => e.CustomerId).Distinct().CountAsync());
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/journeys/funnel"));
        await BrowserFixture.Interactive(page);

        await page.GetByLabel("Steps (event types, in order, comma-separated)").FillAsync("order.placed, order.delivered");
        await page.GetByLabel("Window (30m, 24h, 7d, 2w)").FillAsync("30d");
        await page.GetByTestId("funnel-run").ClickAsync();

        var rows = page.GetByTestId("funnel-step");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0).Locator("td").Nth(0)).ToHaveTextAsync("1. order.placed");
        await Assertions.Expect(rows.Nth(0).Locator("td").Nth(1)).ToHaveTextAsync($"{placed:N0}");
        await Assertions.Expect(rows.Nth(1).Locator("td").Nth(5)).ToContainTextAsync(" days"); // median time to delivery
        await Assertions.Expect(page.Locator("#funnel-chart .main-svg").First).ToBeVisibleAsync();

        // Broken down by channel, each customer counted under the channel of the last step they reached.
        await page.GetByLabel("Breakdown (segment, channel, property:NAME)").FillAsync("channel");
        await page.GetByTestId("funnel-attribution").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "last step reached (last touch)" }).ClickAsync();
        await page.GetByTestId("funnel-run").ClickAsync();
        await Assertions.Expect(page.GetByText("By channel, from the last step reached")).ToBeVisibleAsync();
        await ShotAsync(page, "funnel");

        // A bad definition is explained next to the form, not thrown.
        await page.GetByLabel("Window (30m, 24h, 7d, 2w)").FillAsync("soon");
        await page.GetByTestId("funnel-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("funnel-errors")).ToContainTextAsync("window");
        Assert.Empty(errors);
    }
}
