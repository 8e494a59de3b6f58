using Microsoft.Playwright;

namespace Touchpoint.Browser.Tests;

[Collection(SqliteBrowserCollection.Name)]
public sealed class SettingsTests(SqliteBrowserFixture fx)
{
    [Fact]
    public async Task A_new_API_key_shows_its_secret_once_and_can_be_revoked()
    {
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/settings/api-keys"));
        await BrowserFixture.Interactive(page);

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name" }).FillAsync("shop webhooks");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make key" }).ClickAsync();

        var secret = page.GetByTestId("new-key-secret");
        await Assertions.Expect(secret).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^tp_[A-Za-z0-9_-]{43}$"));
        await Assertions.Expect(page.GetByTestId("new-key")).ToContainTextAsync("it will not be shown again");
        var value = await secret.InnerTextAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasTextString = "shop webhooks" });
        await Assertions.Expect(row).ToContainTextAsync(value[..11]);

        await page.ReloadAsync();
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("new-key-secret")).ToHaveCountAsync(0);
        Assert.DoesNotContain(value, await page.ContentAsync(), StringComparison.Ordinal);

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke shop webhooks" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("This cannot be undone.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("key-revoked")).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Revoke shop webhooks" })).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_too_short_password_for_a_new_user_is_explained_on_the_page()
    {
        var (page, _) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/settings/users"));
        await BrowserFixture.Interactive(page);

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Email" }).FillAsync("short@test.local");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("at least 12 characters");
    }

    [Fact]
    public async Task A_duplicate_team_name_is_explained_on_the_page()
    {
        var (page, _) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/settings/teams"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.GetByTestId("team-card").Filter(new() { HasTextString = "Support" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name" }).FillAsync("Support");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Name: another team has this name.");
    }

    [Fact]
    public async Task A_viewer_sees_no_settings_and_cannot_open_them()
    {
        await fx.CreateUserAsync("viewer@test.local", "viewer", "viewer-password-long-enough");
        var (page, _) = await fx.SignedInPageAsync("viewer@test.local", "viewer-password-long-enough");

        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync("viewer");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Customers" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Settings", new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToHaveCountAsync(0);

        await page.GotoAsync(fx.Url("/settings/api-keys"));
        await Assertions.Expect(page.GetByText("Your role does not give access to this page. Ask an administrator.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Make key" })).ToHaveCountAsync(0);
    }
}
