using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Touchpoint.Browser.Tests;

/// <summary>A note written on the notes page is found by search, shows on the journey map beside its stage's scores and on the customer's page.</summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed class NotesPageTests(SqliteBrowserFixture fx)
{
    [Fact]
    public async Task A_note_tagged_to_a_stage_and_a_customer_is_searchable_and_shows_on_the_map_and_the_customer_page()
    {
        var journey = await fx.InStoreAsync(db => db.Journeys.Where(j => j.Name == "Shopper").Select(j => j.Id).SingleAsync());
        var customer = await fx.InStoreAsync(db => db.Customers.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var word = "doorstep" + Guid.NewGuid().ToString("N")[..6];
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/voice/notes"));
        await BrowserFixture.Interactive(page);

        var form = page.GetByTestId("note-form");
        await form.GetByTestId("save-note").ClickAsync();
        await Assertions.Expect(form.GetByTestId("form-errors")).ToContainTextAsync("Title");

        await page.GetByTestId("note-title").FillAsync("Delivery interview");
        await page.GetByTestId("note-text").FillAsync($"The parcel sat on the {word} in the rain; nobody rang the bell.");
        await page.GetByTestId("note-stages").FillAsync("delivery");
        await form.GetByLabel("Customer ids (comma separated)").FillAsync(customer.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByTestId("save-note").ClickAsync();
        await Assertions.Expect(page.GetByTestId("note-card").Filter(new() { HasText = word })).ToHaveCountAsync(1);

        await page.GetByTestId("notes-search").FillAsync(word[..10]);
        await page.GetByTestId("notes-search-go").ClickAsync();
        await Assertions.Expect(page.GetByTestId("note-card")).ToHaveCountAsync(1);
        if (Environment.GetEnvironmentVariable("TP_SCREENSHOT_DIR") is { Length: > 0 } dir)
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "notes.png"), FullPage = true });

        await page.GotoAsync(fx.Url($"/journeys/map/{journey}"));
        var stage = page.Locator("[data-testid=map-stage][data-stage=delivery]");
        await stage.GetByTestId("stage-notes").Locator("summary").ClickAsync();
        await Assertions.Expect(stage.GetByTestId("stage-notes")).ToContainTextAsync(word);
        await Assertions.Expect(page.Locator("[data-testid=map-stage][data-stage=purchase]").GetByText(word)).ToHaveCountAsync(0);
        if (Environment.GetEnvironmentVariable("TP_SCREENSHOT_DIR") is { Length: > 0 } dir2)
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir2, "map-notes.png"), FullPage = true });

        await page.GotoAsync(fx.Url($"/customers/{customer}"));
        await BrowserFixture.Interactive(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Notes" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("note-card").Filter(new() { HasText = word })).ToBeVisibleAsync();
        Assert.Empty(errors);
    }
}
