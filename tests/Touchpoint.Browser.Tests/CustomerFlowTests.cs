using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Touchpoint.Browser.Tests;

[Collection(SqliteBrowserCollection.Name)]
public sealed partial class CustomerFlowTests(SqliteBrowserFixture fx)
{
    [Fact]
    public async Task Searching_by_a_last_name_narrows_the_list_to_customers_of_that_name()
    {
        var lastName = await fx.InStoreAsync(db => db.Customers.Where(c => c.Segment == "consumer").OrderBy(c => c.Id).Select(c => c.Name).FirstAsync());
        lastName = lastName.Split(' ')[^1];
        var customers = await fx.InStoreAsync(db => db.Customers.CountAsync(c => c.MergedIntoId == null)); // other tests add visitors
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/customers"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.GetByTestId("customer-count")).ToHaveTextAsync($"{customers} customers match");

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Search customers" }).FillAsync(lastName);

        await page.WaitForURLAsync(u => u.Contains("q=" + lastName, StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("customer-count")).ToHaveTextAsync(new Regex($@"^\d+ (customers match|customer matches) “{lastName}”$"));
        var shown = int.Parse(CountPrefix().Match(await page.GetByTestId("customer-count").InnerTextAsync()).Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(shown, 1, customers - 1);
        var names = await page.GetByTestId("customer-link").AllInnerTextsAsync();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Contains(lastName, n, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_segment_filter_shows_only_that_segment_and_keeps_it_in_the_address()
    {
        var enterprise = await fx.InStoreAsync(db => db.Customers.CountAsync(c => c.Segment == "enterprise"));
        var (page, _) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/customers"));
        await BrowserFixture.Interactive(page);

        await page.Locator("div.mud-select").Filter(new() { HasText = "Segment" }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextString = "enterprise" }).ClickAsync();

        await page.WaitForURLAsync(u => u.Contains("segment=enterprise", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("customer-count")).ToHaveTextAsync($"{enterprise} customers match in segment enterprise");
        var segments = await page.Locator("[data-testid=customer-table] tbody td[data-label=Segment]").AllInnerTextsAsync();
        Assert.NotEmpty(segments);
        Assert.All(segments, s => Assert.Equal("enterprise", s.Trim()));

        // The address alone reproduces the list: a shared link shows the same filter.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("customer-count")).ToHaveTextAsync($"{enterprise} customers match in segment enterprise");
    }

    [Fact]
    public async Task A_customer_page_shows_the_profile_and_the_timeline_and_a_ticket_entry_opens_the_thread()
    {
        var customer = await fx.InStoreAsync(db => db.Tickets.OrderBy(t => t.Id)
            .Join(db.Customers, t => t.CustomerId, c => c.Id, (t, c) => new { c.Id, c.Name, c.Email }).FirstAsync());
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/customers?q=" + Uri.EscapeDataString(customer.Email!)));
        await BrowserFixture.Interactive(page);
        await page.GetByTestId("customer-link").Filter(new() { HasTextString = customer.Name }).ClickAsync();

        await page.WaitForURLAsync(fx.Url($"/customers/{customer.Id}"));
        await Assertions.Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(customer.Name);
        await Assertions.Expect(page.GetByTestId("customer-profile")).ToContainTextAsync(customer.Email!);
        await Assertions.Expect(page.GetByTestId("timeline-entry").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("customer-tickets")).Not.ToHaveTextAsync("0");

        var ticketLink = page.GetByTestId("timeline-link-ticket.created").First;
        // Older entries may sit behind "Load more"; the customer's whole history is reachable.
        while (await ticketLink.CountAsync() == 0 && await page.GetByTestId("timeline-more").CountAsync() > 0)
        {
            var before = await page.GetByTestId("timeline-entry").CountAsync();
            await page.GetByTestId("timeline-more").ClickAsync();
            await Assertions.Expect(page.GetByTestId("timeline-entry")).Not.ToHaveCountAsync(before);
        }
        var ticketText = await ticketLink.InnerTextAsync();
        var ticketId = TicketNumber().Match(ticketText).Groups[1].Value;
        await ticketLink.ClickAsync();

        await page.WaitForURLAsync(fx.Url($"/service/tickets/{ticketId}"));
        await Assertions.Expect(page.GetByTestId("ticket-subject")).ToContainTextAsync($"#{ticketId}");
        await Assertions.Expect(page.GetByTestId("ticket-message").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("ticket-customer")).ToHaveTextAsync(customer.Name);
        Assert.Empty(errors);
    }

    [GeneratedRegex(@"^\d+")]
    private static partial Regex CountPrefix();

    [GeneratedRegex(@"#(\d+)")]
    private static partial Regex TicketNumber();
}
