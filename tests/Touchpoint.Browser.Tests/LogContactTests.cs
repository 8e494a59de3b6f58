using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Browser.Tests;

/// <summary>Staff log phone calls and visits from the customer page; each becomes a ticket they land on.</summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed partial class LogContactTests(SqliteBrowserFixture fx)
{
    [Fact]
    public async Task A_missed_call_logged_on_the_customer_page_opens_a_phone_ticket_with_a_callback_owed()
    {
        var customer = await fx.InStoreAsync(db => db.Customers.Where(c => c.Segment == "smb").OrderBy(c => c.Id).Select(c => new { c.Id, c.Name }).FirstAsync());
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url($"/customers/{customer.Id}"));
        await BrowserFixture.Interactive(page);

        await page.GetByTestId("log-call-open").ClickAsync();
        await page.Locator("[data-testid=log-call-form] div.mud-select").Filter(new() { HasText = "Outcome" }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextString = "Missed" }).ClickAsync();
        await page.GetByLabel("Notes: what was asked and said").FillAsync("Rang about invoice 4471, no answer");
        await page.GetByTestId("log-call-save").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(TicketUrl());
        var ticketId = long.Parse(TicketUrl().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(page.GetByTestId("ticket-customer")).ToHaveTextAsync(customer.Name);
        await Assertions.Expect(page.GetByTestId("ticket-message").First).ToContainTextAsync("Rang about invoice 4471");

        var call = await fx.InStoreAsync(db => db.Set<PhoneCall>().SingleAsync(c => c.TicketId == ticketId));
        Assert.Equal(CallOutcome.Missed, call.Outcome);
        Assert.NotNull(call.CallbackDueAtUtc); // a missed call leaves a callback owed, so nobody plays telephone tag
        Assert.Equal("phone", await fx.InStoreAsync(db => db.Tickets.Where(t => t.Id == ticketId).Select(t => t.Channel).SingleAsync()));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_visit_without_a_request_is_refused_in_words_and_a_complete_one_becomes_a_ticket()
    {
        var customerId = await fx.InStoreAsync(db => db.Customers.Where(c => c.Segment == "enterprise").OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var ticketsBefore = await fx.InStoreAsync(db => db.Tickets.CountAsync(t => t.CustomerId == customerId));
        var visitsBefore = await fx.InStoreAsync(db => db.Tickets.CountAsync(t => t.CustomerId == customerId && t.Channel == "in_person"));
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url($"/customers/{customerId}"));
        await BrowserFixture.Interactive(page);

        await page.GetByTestId("log-visit-open").ClickAsync();
        await page.GetByTestId("log-visit-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Request is required: what did the customer come for?")).ToBeVisibleAsync();
        Assert.Equal(ticketsBefore, await fx.InStoreAsync(db => db.Tickets.CountAsync(t => t.CustomerId == customerId)));

        await page.GetByLabel("What did the customer come for?").FillAsync("Brought back a cracked kettle");
        await page.GetByLabel("Outcome (optional; leave empty if it is still open)").FillAsync("Swapped it on the spot");
        await page.GetByTestId("log-visit-save").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(TicketUrl());
        await Assertions.Expect(page.GetByTestId("ticket-message").First).ToContainTextAsync("cracked kettle");
        Assert.Equal(visitsBefore + 1, await fx.InStoreAsync(db => db.Tickets.CountAsync(t => t.CustomerId == customerId && t.Channel == "in_person")));
        Assert.Equal(ticketsBefore + 1, await fx.InStoreAsync(db => db.Tickets.CountAsync(t => t.CustomerId == customerId)));
        Assert.Empty(errors);
    }

    [GeneratedRegex(@"/service/tickets/(\d+)$")]
    private static partial Regex TicketUrl();
}
