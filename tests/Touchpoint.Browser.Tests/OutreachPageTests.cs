using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Touchpoint.Browser.Tests;

/// <summary>The outreach page: a template is written with a live preview, a bad placeholder is refused, the saved template gets its triggers panel.</summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed class OutreachPageTests(SqliteBrowserFixture fx)
{
    [Fact]
    public async Task A_template_is_previewed_refused_with_an_unknown_placeholder_then_saved()
    {
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/voice/outreach"));
        await BrowserFixture.Interactive(page);
        var name = "Delivery delayed " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByTestId("template-name").FillAsync(name);
        await page.GetByTestId("template-subject").FillAsync("Your order {{event.order}} is late, {{first_name}}");
        await page.GetByTestId("template-body").FillAsync("Hello {{name}}, your code is {{password}}.");
        await Assertions.Expect(page.GetByTestId("template-preview")).ToContainTextAsync("Your order A-1001 is late, Ana");
        await page.GetByTestId("save-template").ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("{{password}}");

        await page.GetByTestId("template-body").FillAsync("Hello {{name}}, your parcel is delayed. We are on it.");
        await page.GetByTestId("save-template").ClickAsync();
        await Assertions.Expect(page.GetByTestId("template-saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("survey-triggers")).ToContainTextAsync("Send this message by itself");
        await Assertions.Expect(page.GetByTestId("template-preview")).ToContainTextAsync("No more messages from us?");
        var stored = await fx.InStoreAsync(db => db.Set<Touchpoint.Domain.Voice.OutreachTemplate>().SingleAsync(t => t.Name == name));
        Assert.Equal("Hello {{name}}, your parcel is delayed. We are on it.", stored.Body);
        if (Environment.GetEnvironmentVariable("TP_SCREENSHOT_DIR") is { Length: > 0 } dir)
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "outreach.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
