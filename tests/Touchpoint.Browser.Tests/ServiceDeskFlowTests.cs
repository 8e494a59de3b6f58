using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Touchpoint.Data.Service;
using Touchpoint.Domain.Service;

namespace Touchpoint.Browser.Tests;

/// <summary>The agent workspace as an agent uses it: inbox, keyboard, ticket, macro reply, status, journey timeline.</summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed class ServiceDeskFlowTests(SqliteBrowserFixture fx)
{
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "tp-shots");

    /// <summary>A fresh unassigned ticket of a demo customer, opened now, so it tops the unassigned view.</summary>
    private Task<(long TicketId, long CustomerId, string CustomerName)> NewTicketAsync(string subject) => fx.InStoreAsync(async db =>
    {
        var customer = await db.Customers.OrderBy(c => c.Id).Skip(7).FirstAsync();
        var r = await TicketThread.OpenAsync(db, customer.Id, subject, TicketPriority.High, null,
            new IncomingMessage(AuthorKind.Customer, "My parcel never arrived.", "email", DateTime.UtcNow), "test", default);
        return (r.Ticket.Id, customer.Id, customer.Name);
    });

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task The_inbox_lists_a_view_with_sla_state_and_j_k_enter_open_the_selected_ticket()
    {
        var (older, _, _) = await NewTicketAsync("Inbox keyboard older");
        var (newer, _, _) = await NewTicketAsync("Inbox keyboard newer");
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/service/inbox?view=unassigned"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.GetByTestId("view-name")).ToHaveTextAsync("Unassigned");
        await Assertions.Expect(page.GetByTestId("keyboard-help")).ToContainTextAsync("j / k");
        var rows = page.GetByTestId("inbox-row");
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-ticket", newer.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(rows.Nth(1)).ToHaveAttributeAsync("data-ticket", older.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(rows.First.GetByTestId("sla-chip")).ToContainTextAsync("first reply due in");
        await ShotAsync(page, "inbox");

        await page.GetByTestId("inbox-list").FocusAsync();
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(rows.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("k");
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(rows.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("Enter");
        // The inbox navigates inside the circuit (history API), which fires no load event; poll the address instead.
        await Assertions.Expect(page).ToHaveURLAsync(fx.Url($"/service/tickets/{older}"));
        await Assertions.Expect(page.GetByTestId("ticket-subject")).ToContainTextAsync("Inbox keyboard older");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_agent_replies_with_a_macro_changes_the_status_and_the_customers_timeline_shows_the_reply()
    {
        var (ticket, customerId, customerName) = await NewTicketAsync("Parcel missing");
        var macroName = "Parcel apology " + Guid.NewGuid().ToString("N")[..4];
        await fx.InStoreAsync(async db =>
        {
            db.Macros.Add(new Macro { Name = macroName, Body = "Hello {{customer.first_name}}, we are sorry about {{ticket.id}}. {{agent.name}}", AddTagsJson = "[\"parcel\"]", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url($"/service/tickets/{ticket}"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("new");
        await Assertions.Expect(page.GetByTestId("sla-clock")).ToContainTextAsync("first reply due in");
        await Assertions.Expect(page.GetByTestId("customer-journey").GetByTestId("timeline-entry").First).ToBeVisibleAsync();

        await page.GetByTestId("macro-select").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextString = macroName }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("macro-preview")).ToContainTextAsync("then sets tags parcel");
        await page.GetByTestId("macro-apply").ClickAsync();

        var first = customerName.Split(' ')[0];
        var expected = $"Hello {first}, we are sorry about #{ticket}.";
        await Assertions.Expect(page.GetByTestId("ticket-message").Last).ToContainTextAsync(expected);
        await Assertions.Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("open");
        await Assertions.Expect(page.GetByTestId("ticket-tag")).ToHaveTextAsync("#parcel");
        // The reply is on the customer's journey beside the conversation, without a reload.
        var newest = page.GetByTestId("customer-journey").GetByTestId("timeline-entry").First;
        await Assertions.Expect(newest).ToHaveAttributeAsync("data-type", "ticket.message");
        await Assertions.Expect(newest).ToContainTextAsync($"ticket id {ticket}");
        await Assertions.Expect(newest).ToContainTextAsync("author agent");

        await page.GetByTestId("prop-status").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextString = "pending" }).ClickAsync();
        await page.GetByTestId("prop-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("pending");
        await Assertions.Expect(page.GetByTestId("sla-clock")).ToContainTextAsync("SLA paused");
        await Assertions.Expect(page.GetByTestId("audit-trail")).ToContainTextAsync("status open → pending");
        await ShotAsync(page, "ticket");

        var stored = await fx.InStoreAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == ticket));
        Assert.Equal(TicketStatus.Pending, stored.Status);
        var onTimeline = await fx.InStoreAsync(db => db.Events.CountAsync(e => e.CustomerId == customerId && e.Type == "ticket.message" && e.PropertiesJson!.Contains($"\"ticket_id\":{ticket},\"author\":\"agent\"")));
        Assert.Equal(1, onTimeline);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Two_agents_on_the_same_ticket_see_each_other_and_a_change_by_one_shows_for_the_other_without_reload()
    {
        var (ticket, _, _) = await NewTicketAsync("Collision check");
        await fx.CreateUserAsync("rui@test.local", "agent", "rui-password-long-1");
        var (ana, errors) = await fx.SignedInPageAsync();
        var (rui, _) = await fx.SignedInPageAsync("rui@test.local", "rui-password-long-1");
        await ana.GotoAsync(fx.Url($"/service/tickets/{ticket}"));
        await BrowserFixture.Interactive(ana);
        await rui.GotoAsync(fx.Url($"/service/tickets/{ticket}"));
        await BrowserFixture.Interactive(rui);

        await Assertions.Expect(ana.GetByTestId("collision-notice")).ToHaveTextAsync("agent user is also viewing");
        await rui.GetByTestId("reply-body").FillAsync("Looking into it");
        await Assertions.Expect(ana.GetByTestId("collision-notice")).ToHaveTextAsync("agent user is also replying");
        await rui.GetByTestId("reply-send").ClickAsync();
        await Assertions.Expect(ana.GetByTestId("ticket-message").Last).ToContainTextAsync("Looking into it");
        await Assertions.Expect(ana.GetByTestId("ticket-status")).ToHaveTextAsync("open");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_service_report_shows_the_metrics_with_the_previous_period_charts_and_a_csv_link()
    {
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/service/report?days=365&by=channel"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.GetByTestId("kpi-created")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("report-kpis")).ToContainTextAsync("before:");
        await Assertions.Expect(page.Locator("#report-trend .main-svg").First).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator("#report-breakdown-chart .main-svg").First).ToBeAttachedAsync();
        var href = await page.GetByTestId("report-csv").GetAttributeAsync("href");
        var csv = await page.APIRequest.GetAsync(fx.Url(href!.TrimStart('/')));
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("period,from,to,group", await csv.TextAsync());
        await ShotAsync(page, "report");
        Assert.Empty(errors);
    }
}
