using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Touchpoint.Data.Service;
using Touchpoint.Domain.Service;

namespace Touchpoint.Browser.Tests;

/// <summary>The workspace timer behind average handle time, in a real browser tab.</summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed class WorkTimerTests(SqliteBrowserFixture fx)
{
    private Task<long> NewTicketAsync(string subject) => fx.InStoreAsync(async db =>
    {
        var customer = await db.Customers.OrderBy(c => c.Id).Skip(11).FirstAsync();
        var r = await TicketThread.OpenAsync(db, customer.Id, subject, TicketPriority.Normal, null,
            new IncomingMessage(AuthorKind.Customer, "Can you change my delivery address?", "email", DateTime.UtcNow), "test", default);
        return r.Ticket.Id;
    });

    private static async Task ShotAsync(IPage page, string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "tp-shots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    private Task<List<WorkSession>> SessionsAsync(long ticket) =>
        fx.InStoreAsync(db => db.WorkSessions.AsNoTracking().Where(w => w.TicketId == ticket).OrderBy(w => w.Id).ToListAsync());

    private static async Task<List<WorkSession>> PollAsync(Func<Task<List<WorkSession>>> read, Func<List<WorkSession>, bool> done)
    {
        for (var i = 0; i < 100; i++)
        {
            var rows = await read();
            if (done(rows)) return rows;
            await Task.Delay(200);
        }
        return await read();
    }

    [Fact]
    public async Task Time_runs_while_the_ticket_is_visible_and_stops_when_the_tab_is_hidden_or_the_agent_leaves()
    {
        var ticket = await NewTicketAsync("Work timer " + Guid.NewGuid().ToString("N")[..4]);
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url($"/service/tickets/{ticket}"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.GetByTestId("work-timer")).ToHaveAttributeAsync("data-state", "running");
        await ShotAsync(page, "ticket-work-timer");
        var running = await PollAsync(() => SessionsAsync(ticket), r => r.Count == 1);
        Assert.Single(running);
        Assert.Null(running[0].EndedAtUtc);

        // The browser reports the tab hidden (as switching tabs would): the session ends there.
        await page.EvaluateAsync("() => { Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true }); document.dispatchEvent(new Event('visibilitychange')); }");
        await Assertions.Expect(page.GetByTestId("work-timer")).ToHaveAttributeAsync("data-state", "hidden");
        var hidden = await PollAsync(() => SessionsAsync(ticket), r => r.Count == 1 && r[0].EndedAtUtc is not null);
        Assert.Equal("hidden", hidden[0].EndReason);

        // Back to the tab: a new session; leaving the ticket ends it as navigation.
        await page.EvaluateAsync("() => { Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true }); document.dispatchEvent(new Event('visibilitychange')); }");
        await Assertions.Expect(page.GetByTestId("work-timer")).ToHaveAttributeAsync("data-state", "running");
        await PollAsync(() => SessionsAsync(ticket), r => r.Count == 2);
        await page.GetByRole(AriaRole.Link, new() { Name = "Inbox" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/service/inbox"));
        var all = await PollAsync(() => SessionsAsync(ticket), r => r.Count == 2 && r[1].EndedAtUtc is not null);
        Assert.Equal("navigation", all[1].EndReason);
        Assert.All(all, s => Assert.True(s.EndUtc >= s.StartedAtUtc));

        // The demo company's work sessions show as average handle time on the report page.
        await page.GotoAsync(fx.Url("/service/report?days=365&by=agent"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.GetByTestId("kpi-aht")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d min$"));
        await ShotAsync(page, "report-aht");
        Assert.Empty(errors);
    }
}
