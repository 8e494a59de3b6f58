using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Touchpoint.Testing;

namespace Touchpoint.Browser.Tests;

[Collection(SqliteBrowserCollection.Name)]
public sealed class LoginAndOverviewTests(SqliteBrowserFixture fx)
{
    [Fact]
    public async Task A_wrong_password_shows_the_error_and_stays_on_the_login_page()
    {
        var (page, _) = await fx.NewPageAsync();
        await page.GotoAsync(fx.Url("/"));
        await page.WaitForURLAsync(u => u.Contains("/login", StringComparison.Ordinal));
        await page.GetByLabel("Email").FillAsync(TouchpointApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync("not-the-password-at-all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or password is not right.");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_password_lands_on_the_overview_with_the_demo_company_figures()
    {
        // Other tests of the shared store add customers (chat and snippet visitors), so the figure is the store's own.
        var customers = await fx.InStoreAsync(db => db.Customers.CountAsync(c => c.MergedIntoId == null));
        Assert.InRange(customers, 200, 260); // the 200 demo customers and a few added by other tests
        var (page, errors) = await fx.SignedInPageAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("kpi-customers")).ToHaveTextAsync(customers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("kpi-events")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync("admin");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_figure_on_the_overview_drills_down_to_the_rows_behind_it()
    {
        var (page, _) = await fx.SignedInPageAsync();
        await page.GetByTestId("kpi-customers").Locator("xpath=..").GetByRole(AriaRole.Link, new() { Name = "Details" }).ClickAsync();

        await page.WaitForURLAsync(fx.Url("/customers"));
        var customers = await fx.InStoreAsync(db => db.Customers.CountAsync(c => c.MergedIntoId == null));
        await Assertions.Expect(page.GetByTestId("customer-count")).ToHaveTextAsync($"{customers} customers match");
    }
}
