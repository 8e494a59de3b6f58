using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Touchpoint.Data.Journeys;

namespace Touchpoint.Browser.Tests;

/// <summary>An analyst creates a journey from a template, gets refused for a cycle and a missing stage, and versions it.</summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed class JourneyEditorTests(SqliteBrowserFixture fx)
{
    [Fact]
    public async Task A_journey_made_from_a_template_is_refused_readably_then_saved_and_versioned()
    {
        var before = await fx.InStoreAsync(db => db.Journeys.CountAsync());
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/journeys"));
        await BrowserFixture.Interactive(page);
        await ShotAsync(page, "journey-list");
        await page.GetByTestId("new-journey").ClickAsync();
        await page.WaitForURLAsync(fx.Url("/journeys/new?template=shopper"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.GetByTestId("editor-status")).ToContainTextAsync("the Shopper template");
        await Assertions.Expect(page.GetByTestId("editor-stage")).ToHaveCountAsync(6);

        // The template's name is taken by the demo journey; a target back to an earlier stage is a cycle; one to a
        // stage that is not there is a missing stage. All three are refused together, in words.
        var name = page.GetByRole(AriaRole.Textbox, new() { Name = "Journey name" });
        await Assertions.Expect(name).ToHaveValueAsync("Shopper");
        var targets = page.GetByTestId("editor-target");
        await targets.Nth(0).GetByLabel("To stage (key)").FillAsync("awareness");
        await targets.Nth(1).GetByLabel("To stage (key)").FillAsync("checkout");
        await page.GetByTestId("save-journey").ClickAsync();
        var problems = page.GetByTestId("form-errors");
        await Assertions.Expect(problems).ToContainTextAsync("Name: another journey is called 'Shopper'.");
        await Assertions.Expect(problems).ToContainTextAsync("Target 1 (purchase → awareness), to stage: 'awareness' comes before 'purchase': a target back to an earlier stage makes a cycle.");
        await Assertions.Expect(problems).ToContainTextAsync("Target 2 (awareness → checkout), to stage: no stage 'checkout' in this journey (missing stage).");
        Assert.Equal(before, await fx.InStoreAsync(db => db.Journeys.CountAsync()));

        await name.FillAsync("Shopper EU");
        await targets.Nth(0).GetByLabel("To stage (key)").FillAsync("delivery");
        await targets.Nth(1).GetByLabel("To stage (key)").FillAsync("purchase");
        await page.GetByTestId("save-journey").ClickAsync();
        await Assertions.Expect(page.GetByTestId("editor-saved")).ToContainTextAsync("Created Shopper EU as version 1");
        var id = await fx.InStoreAsync(db => db.Journeys.Where(j => j.Name == "Shopper EU").Select(j => j.Id).SingleAsync());
        Assert.Equal("shopper", await fx.InStoreAsync(db => db.Journeys.Where(j => j.Id == id).Select(j => j.TemplateKey).SingleAsync()));

        // Reorder: delivery before purchase makes the purchase → delivery target point backwards.
        await page.GetByRole(AriaRole.Button, new() { Name = "Move stage 3 up" }).ClickAsync();
        await page.GetByTestId("save-journey").ClickAsync();
        await Assertions.Expect(problems).ToContainTextAsync("Target 1 (purchase → delivery), to stage: 'delivery' comes before 'purchase'");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move stage 2 down" }).ClickAsync();

        // Rename a stage and drop a touchpoint, then save: version 2, version 1 kept.
        var stage6 = page.GetByTestId("editor-stage").Nth(5);
        await stage6.GetByLabel("Stage name").FillAsync("Word of mouth");
        await Assertions.Expect(stage6.GetByTestId("editor-touchpoint")).ToHaveCountAsync(2);
        await stage6.GetByRole(AriaRole.Button, new() { Name = "Remove touchpoint" }).Nth(1).ClickAsync();
        await Assertions.Expect(stage6.GetByTestId("editor-touchpoint")).ToHaveCountAsync(1);
        await page.GetByTestId("save-journey").ClickAsync();
        await Assertions.Expect(page.GetByTestId("editor-saved")).ToContainTextAsync("Saved as version 2.");
        await Assertions.Expect(page.GetByTestId("journey-version")).ToHaveCountAsync(2);
        await Assertions.Expect(problems).ToHaveCountAsync(0);

        var v2 = await fx.InStoreAsync(db => JourneyCatalog.GetAsync(db, id, null, CancellationToken.None));
        var v1 = await fx.InStoreAsync(db => JourneyCatalog.GetAsync(db, id, 1, CancellationToken.None));
        Assert.Equal(["awareness", "purchase", "delivery", "support", "repeat", "advocacy"], v2!.Definition.Stages.Select(s => s.Key));
        Assert.Equal("Word of mouth", v2.Definition.Stages[5].Name);
        Assert.Equal(["survey.answered"], v2.Definition.Stages[5].Touchpoints.Select(t => t.EventType));
        Assert.Equal("Advocacy", v1!.Definition.Stages[5].Name);
        Assert.Equal(2, v1.Definition.Stages[5].Touchpoints.Count);

        // The earlier version is viewable as it was saved.
        await page.GetByRole(AriaRole.Link, new() { Name = "Version 1" }).ClickAsync();
        await page.WaitForURLAsync(fx.Url($"/journeys/{id}/edit?version=1"));
        await Assertions.Expect(page.GetByTestId("editor-status")).ToContainTextAsync("Showing version 1 of 2");
        await Assertions.Expect(page.GetByTestId("editor-stage").Nth(5).GetByLabel("Stage name")).ToHaveValueAsync("Advocacy");
        await Assertions.Expect(page.GetByTestId("editor-saved")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("save-journey")).ToBeEnabledAsync();
        await ShotAsync(page, "journey-editor");
        Assert.Empty(errors);
    }

    /// <summary>Set TP_SCREENSHOTS to a folder to keep a picture of each page for a person to look at.</summary>
    private static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("TP_SCREENSHOTS") is { Length: > 0 } dir)
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }
}
