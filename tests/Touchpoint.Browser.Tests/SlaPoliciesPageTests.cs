using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Touchpoint.Data.Service;
using Touchpoint.Domain.Service;
using Touchpoint.Web.Features.Service.Sla;

namespace Touchpoint.Browser.Tests;

/// <summary>The SLA policies Settings page and a breached ticket under the policy it made, as an admin sees them.</summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed class SlaPoliciesPageTests(SqliteBrowserFixture fx)
{
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "tp-shots-sla");

    [Fact]
    public async Task An_admin_creates_a_policy_after_a_readable_error_moves_it_first_sees_it_breach_a_ticket_and_deletes_it()
    {
        var name = "Enterprise VIP " + Guid.NewGuid().ToString("N")[..4];
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/settings/sla-policies"));
        await BrowserFixture.Interactive(page);
        var rows = page.GetByTestId("sla-policy-row");
        await Assertions.Expect(rows.Filter(new() { HasTextString = "Default" })).ToContainTextAsync("every ticket");

        await page.GetByRole(AriaRole.Button, new() { Name = "New policy" }).ClickAsync();
        var form = page.GetByTestId("sla-policy-form");
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await form.GetByText("enterprise", new() { Exact = true }).ClickAsync();
        var urgentFirst = form.GetByLabel("urgent first response", new() { Exact = true });
        await urgentFirst.FillAsync("0");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Assertions.Expect(form.GetByTestId("form-errors")).ToContainTextAsync("Urgent first response must be more than 0 minutes");
        await ShotAsync(page, "sla-policy-form-error");

        await urgentFirst.FillAsync("0.5");
        await form.GetByText("On breach: notify assignee or team").ClickAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        var mine = rows.Filter(new() { HasTextString = name });
        await Assertions.Expect(mine).ToContainTextAsync("segment enterprise");
        await Assertions.Expect(mine).ToContainTextAsync("0.5 h / 2 h / 8 h");
        await Assertions.Expect(mine).ToContainTextAsync("on breach: notify");
        await Assertions.Expect(rows.Last).ToHaveAttributeAsync("data-name", name);

        while (await rows.First.GetAttributeAsync("data-name") != name)
        {
            var before = await rows.First.GetAttributeAsync("data-name");
            await page.GetByRole(AriaRole.Button, new() { Name = $"Move {name} up" }).ClickAsync();
            await Assertions.Expect(rows.First).Not.ToHaveAttributeAsync("data-name", before!);
        }
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-name", name);
        await ShotAsync(page, "sla-policies");

        // An urgent ticket of an enterprise customer assigned to the admin, opened a week ago and never answered,
        // then one scanner pass.
        var ticket = await fx.InStoreAsync(async db =>
        {
            var customer = await db.Customers.Where(c => c.Segment == "enterprise").OrderBy(c => c.Id).FirstAsync();
            var r = await TicketThread.OpenAsync(db, customer.Id, "Checkout down for all our stores", TicketPriority.Urgent, null,
                new IncomingMessage(AuthorKind.Customer, "Nobody can pay.", "email", DateTime.UtcNow.AddDays(-7)), "test", TestContext.Current.CancellationToken);
            r.Ticket.AssigneeId = await db.Users.Where(u => u.Email == Touchpoint.Testing.TouchpointApp.AdminEmail).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return r.Ticket.Id;
        });
        await fx.App.Services.GetRequiredService<SlaEscalationService>().ScanOnceAsync(TestContext.Current.CancellationToken);
        await page.GotoAsync(fx.Url($"/service/tickets/{ticket}"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.GetByTestId("sla-policy")).ToHaveTextAsync($"SLA policy: {name}");
        await Assertions.Expect(page.GetByTestId("sla-chip")).ToHaveAttributeAsync("data-phase", "breached");
        // The background pass of the app may have fired it first; either way the ticket shows it once.
        await Assertions.Expect(page.GetByTestId("sla-alert")).ToHaveTextAsync("SLA breached");
        await ShotAsync(page, "sla-breached-ticket");

        // The admin was notified: the inbox lists the alert.
        await page.GotoAsync(fx.Url("/service/inbox"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.GetByTestId("my-sla-alerts")).ToContainTextAsync($"#{ticket} breached: first response");
        await ShotAsync(page, "sla-inbox-alerts");

        // The plain ticket list shows the same state.
        await page.GotoAsync(fx.Url("/service/tickets?status=new"));
        await BrowserFixture.Interactive(page);
        var listed = page.GetByRole(AriaRole.Row).Filter(new() { HasTextString = "Checkout down for all our stores" }).First;
        await Assertions.Expect(listed.GetByTestId("sla-chip")).ToHaveAttributeAsync("data-phase", "breached");
        await Assertions.Expect(listed.GetByTestId("sla-alert")).ToHaveTextAsync("SLA breached");
        await ShotAsync(page, "sla-ticket-list");

        await page.GotoAsync(fx.Url("/settings/sla-policies"));
        await BrowserFixture.Interactive(page);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(rows.Filter(new() { HasTextString = name })).ToHaveCountAsync(0);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-name", "Default");
        Assert.Empty(errors);
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
    }
}
