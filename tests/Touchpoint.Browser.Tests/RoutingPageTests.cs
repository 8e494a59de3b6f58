using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Touchpoint.Data.Service;
using Touchpoint.Data.Service.Routing;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Routing;
using Touchpoint.Testing;

namespace Touchpoint.Browser.Tests;

[Collection(SqliteBrowserCollection.Name)]
public sealed class RoutingPageTests(SqliteBrowserFixture fx)
{
    [Fact]
    public async Task An_admin_builds_a_rule_from_rows_is_told_what_is_missing_and_test_runs_it_on_a_ticket()
    {
        var token = "lamp" + Guid.NewGuid().ToString("N")[..6];
        var ticketId = await fx.InStoreAsync(async db =>
        {
            var customer = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            var r = await TicketThread.OpenAsync(db, customer, "Flickering " + token, TicketPriority.Normal, null,
                new IncomingMessage(AuthorKind.Customer, "The lamp flickers.", "email", DateTime.UtcNow), "test", CancellationToken.None);
            return r.Ticket.Id;
        });
        var (page, errors) = await fx.SignedInPageAsync();
        await page.GotoAsync(fx.Url("/settings/routing"));
        await BrowserFixture.Interactive(page);

        await page.GetByTestId("new-rule").ClickAsync();
        await page.GetByTestId("save-rule").ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Name: is required.");
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Condition 1 (values): give at least one value.");

        await page.GetByTestId("rule-name-input").FillAsync("Lamps " + token);
        await page.GetByTestId("condition-values").FillAsync(token);
        await page.GetByTestId("action-value").FillAsync("lamp-issue");
        await page.GetByTestId("test-ticket").FillAsync(ticketId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("test-rule").ClickAsync();
        var result = page.GetByTestId("test-result");
        await Assertions.Expect(result).ToContainTextAsync($"#{ticketId} would match");
        await Assertions.Expect(result).ToContainTextAsync("add tags lamp-issue");

        await page.GetByTestId("save-rule").ClickAsync();
        await Assertions.Expect(page.GetByTestId("rule-row").Filter(new() { HasTextString = "Lamps " + token })).ToContainTextAsync("content contains any " + token);
        var stored = await fx.InStoreAsync(db => db.Set<RoutingRule>().AsNoTracking().SingleAsync(r => r.Name == "Lamps " + token));
        Assert.Equal(RuleTriggers.Created, stored.Trigger);
        Assert.Equal("lamp-issue", Assert.Single(Assert.Single(stored.Actions).Items));
        // The test-run changed nothing on the ticket.
        Assert.Equal("[]", await fx.InStoreAsync(db => db.Tickets.Where(t => t.Id == ticketId).Select(t => t.TagsJson).SingleAsync()));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_agent_sets_their_own_availability_in_the_inbox()
    {
        await fx.CreateUserAsync("router@test.local", "agent", "router-password-long-enough");
        var (page, _) = await fx.SignedInPageAsync("router@test.local", "router-password-long-enough");
        await page.GotoAsync(fx.Url("/service/inbox"));
        await BrowserFixture.Interactive(page);
        var toggle = page.GetByTestId("my-availability");
        await toggle.GetByText("Away", new() { Exact = true }).ClickAsync();
        var userId = await fx.InStoreAsync(db => db.Users.Where(u => u.Email == "router@test.local").Select(u => u.Id).SingleAsync());
        AgentAvailability? seen = null;
        for (var i = 0; i < 100 && seen != AgentAvailability.Away; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            seen = await fx.InStoreAsync(async db => (await AgentProfiles.GetAsync(db, userId, CancellationToken.None)).Availability);
        }
        Assert.Equal(AgentAvailability.Away, seen);
        await Assertions.Expect(toggle).ToHaveAttributeAsync("data-availability", "away");
        await page.ReloadAsync();
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(toggle).ToHaveAttributeAsync("data-availability", "away"); // read back from the store
    }
}
