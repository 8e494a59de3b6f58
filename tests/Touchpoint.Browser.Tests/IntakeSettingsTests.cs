using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Touchpoint.Browser.Tests;

/// <summary>An admin makes and revokes a site key and a webhook source on the settings page.</summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed class IntakeSettingsTests(SqliteBrowserFixture fx)
{
    [Fact]
    public async Task A_site_key_needs_real_origins_shows_its_tag_and_a_webhook_secret_is_shown_once()
    {
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Snippet and webhooks" }).ClickAsync();
        await page.WaitForURLAsync(fx.Url("/settings/intake"));
        await BrowserFixture.Interactive(page);

        await page.GetByLabel("Site name").FillAsync("Docs site");
        await page.GetByLabel("Allowed origins, one per line").FillAsync("https://docs.example.com/guide");
        await page.GetByTestId("make-site-key").ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("must be an origin");
        await page.GetByLabel("Allowed origins, one per line").FillAsync("https://docs.example.com");
        await page.GetByTestId("make-site-key").ClickAsync();
        await Assertions.Expect(page.GetByTestId("snippet-tag")).ToContainTextAsync("/t.js\" data-key=\"tp_site_");
        var row = page.GetByTestId("site-key-row").Filter(new() { HasText = "Docs site" });
        await Assertions.Expect(row).ToContainTextAsync("https://docs.example.com");

        await page.GetByLabel("Source key").FillAsync("billing");
        await page.GetByLabel("Source name").FillAsync("Billing system");
        await page.GetByTestId("make-source").ClickAsync();
        var secret = await page.GetByTestId("new-source-secret").InnerTextAsync();
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(secret, await fx.InStoreAsync(db => db.EventWebhookSources.Where(s => s.Key == "billing").Select(s => s.Secret).SingleAsync()));
        if (Environment.GetEnvironmentVariable("TP_SCREENSHOTS") is { Length: > 0 } dir)
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "intake-settings.png"), FullPage = true });

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke site key Docs site" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("revoked");
        await page.ReloadAsync();
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.GetByTestId("source-row").Filter(new() { HasText = "billing" })).ToBeVisibleAsync();
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(errors);
    }
}
