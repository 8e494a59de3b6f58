using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Service;
using Touchpoint.Data.Service.Channels;
using Touchpoint.Domain.Service.Channels;
using Touchpoint.Domain.Service;

namespace Touchpoint.Browser.Tests;

/// <summary>The service settings pages as an admin uses them: a macro made on its page and used on a ticket.</summary>
[Collection(SqliteBrowserCollection.Name)]
public sealed class ServiceSettingsPagesTests(SqliteBrowserFixture fx)
{
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "tp-shots");

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task A_macro_created_on_its_page_with_a_checked_placeholder_replies_on_a_ticket()
    {
        var (ticket, customerName) = await fx.InStoreAsync(async db =>
        {
            var customer = await db.Customers.OrderBy(c => c.Id).Skip(13).FirstAsync();
            var r = await TicketThread.OpenAsync(db, customer.Id, "Macro from settings", TicketPriority.Normal, null,
                new IncomingMessage(AuthorKind.Customer, "When will my sofa ship?", "email", DateTime.UtcNow), "test", default);
            return (r.Ticket.Id, customer.Name);
        });
        var name = "Shipping update " + Guid.NewGuid().ToString("N")[..4];
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/settings/macros"));
        await BrowserFixture.Interactive(page);

        // A misspelt placeholder: warned while typing, refused on save with the reason.
        await page.GetByTestId("macro-name").FillAsync(name);
        await page.GetByTestId("macro-body").FillAsync("Hi {{custmer.first_name}}");
        await Assertions.Expect(page.GetByTestId("macro-unknown")).ToContainTextAsync("{{custmer.first_name}}");
        await page.GetByTestId("macro-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("unknown placeholder {{custmer.first_name}}");

        await page.GetByTestId("macro-body").FillAsync("Hi {{customer.first_name}}, your order on {{ticket.id}} ships tomorrow.");
        await Assertions.Expect(page.GetByTestId("macro-preview")).ToHaveTextAsync("Hi Maria, your order on #1234 ships tomorrow.");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Add tags (comma-separated)" }).FillAsync("shipping");
        await page.GetByTestId("macro-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("macro-list").GetByTestId("macro-row-name").Filter(new() { HasTextString = name })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToHaveCountAsync(0);
        await ShotAsync(page, "settings-macros");

        await page.GotoAsync(fx.Url($"/service/tickets/{ticket}"));
        await BrowserFixture.Interactive(page);
        await page.GetByTestId("macro-select").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextString = name }).ClickAsync();
        await page.GetByTestId("macro-apply").ClickAsync();
        var first = customerName.Split(' ')[0];
        await Assertions.Expect(page.GetByTestId("ticket-message").Last).ToContainTextAsync($"Hi {first}, your order on #{ticket} ships tomorrow.");
        await Assertions.Expect(page.GetByTestId("ticket-tag")).ToHaveTextAsync("#shipping");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_mailbox_password_is_never_shown_back_and_each_settings_page_renders()
    {
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/settings/mailboxes"));
        await BrowserFixture.Interactive(page);
        var address = $"help-{Guid.NewGuid().ToString("N")[..6]}@northwind.test";
        await page.GetByTestId("mailbox-name").FillAsync("Help desk");
        await page.GetByTestId("mailbox-address").FillAsync("not an address");
        await page.GetByTestId("mailbox-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Address must be one email address");
        await page.GetByTestId("mailbox-address").FillAsync(address);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "IMAP host (optional)" }).FillAsync("imap.northwind.test");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "IMAP user" }).FillAsync("helpdesk");
        await page.GetByLabel("IMAP password").FillAsync("s3cret-imap-password");
        await page.GetByTestId("mailbox-save").ClickAsync();
        var row = page.GetByTestId("mailbox-list").Locator("tr").Filter(new() { HasTextString = address });
        await Assertions.Expect(row).ToContainTextAsync("password set");
        await row.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("IMAP password")).ToHaveValueAsync("");
        Assert.DoesNotContain("s3cret-imap-password", await page.ContentAsync());
        await ShotAsync(page, "settings-mailboxes");

        // Something to act on: a held message without a sender and a missed call owing a callback.
        var subject = "Held " + Guid.NewGuid().ToString("N")[..6];
        await fx.App.Services.GetRequiredService<EmailIntake>().ReceiveAsync(System.Text.Encoding.UTF8.GetBytes($"Subject: {subject}\r\n\r\nNo From line.\r\n"), null, null, TestContext.Current.CancellationToken);
        var callTicket = await fx.InStoreAsync(async db =>
        {
            var customer = await db.Customers.OrderBy(c => c.Id).Skip(17).FirstAsync();
            var (r, _) = await ContactIntake.CallAsync(db, new LoggedCall(customer.Id, CallDirection.Inbound, CallOutcome.Missed, 0, "", DateTime.UtcNow.AddHours(-3), null), default);
            return r.Ticket.Id;
        });

        foreach (var (path, heading) in new[]
        {
            ("/settings/ticket-fields", "Ticket fields"), ("/settings/views", "Saved views"),
            ("/settings/quarantine", "Email quarantine"), ("/settings/callbacks", "Callbacks"),
        })
        {
            await page.GotoAsync(fx.Url(path));
            await BrowserFixture.Interactive(page);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            await ShotAsync(page, "settings-" + path.Split('/')[^1]);
        }
        await page.GotoAsync(fx.Url("/settings/views"));
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.GetByTestId("view-list")).ToContainTextAsync("built in");

        await page.GotoAsync(fx.Url("/settings/quarantine"));
        await BrowserFixture.Interactive(page);
        var held = page.GetByTestId("quarantine-list").Locator("tr").Filter(new() { HasTextString = subject });
        await Assertions.Expect(held.GetByTestId("quarantine-reason")).ToContainTextAsync("no sender");
        await held.GetByTestId("quarantine-release").ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("choose the customer it belongs to");

        await page.GotoAsync(fx.Url("/settings/callbacks"));
        await BrowserFixture.Interactive(page);
        var owed = page.GetByTestId("callback-list").Locator("tr").Filter(new() { HasTextString = $"#{callTicket}" });
        await Assertions.Expect(owed).ToContainTextAsync("overdue");
        await ShotAsync(page, "settings-callbacks-owed");
        await owed.GetByTestId("callback-done").ClickAsync();
        await Assertions.Expect(page.GetByTestId("callback-list").Locator("tr").Filter(new() { HasTextString = $"#{callTicket}" })).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }
}
