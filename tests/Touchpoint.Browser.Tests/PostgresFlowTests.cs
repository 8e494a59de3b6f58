using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Touchpoint.Browser.Tests;

/// <summary>The main flow once on PostgreSQL, whose full-text search and money type differ from SQLite's.</summary>
[Collection(PostgresBrowserCollection.Name)]
public sealed class PostgresFlowTests(PostgresBrowserFixture fx)
{
    [Fact]
    public async Task On_PostgreSQL_a_person_signs_in_finds_a_customer_and_reads_their_timeline()
    {
        var customer = await fx.InStoreAsync(db => db.Tickets.OrderBy(t => t.Id)
            .Join(db.Customers, t => t.CustomerId, c => c.Id, (t, c) => new { c.Id, c.Name, c.Email }).FirstAsync());
        var (page, errors) = await fx.SignedInPageAsync();
        await Assertions.Expect(page.GetByTestId("kpi-customers")).ToHaveTextAsync("200");

        await page.GotoAsync(fx.Url("/customers"));
        await BrowserFixture.Interactive(page);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Search customers" }).FillAsync(customer.Email!);
        await Assertions.Expect(page.GetByTestId("customer-count")).ToHaveTextAsync($"1 customer matches “{customer.Email}”");
        await page.GetByTestId("customer-link").ClickAsync();

        await page.WaitForURLAsync(fx.Url($"/customers/{customer.Id}"));
        await Assertions.Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(customer.Name);
        await Assertions.Expect(page.GetByTestId("timeline-entry").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("customer-revenue")).Not.ToHaveTextAsync("0");
        Assert.Empty(errors);
    }
}
