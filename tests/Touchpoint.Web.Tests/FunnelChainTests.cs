using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Analytics;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Journeys.Analytics;
using Touchpoint.Testing;

namespace Touchpoint.Web.Tests;

/// <summary>
/// The engine follows each chain of later steps once per (customer, first later event) and gives every attempt its
/// own window afterwards. Attempts sharing a chain but not a deadline must still be told apart, as the reference does.
/// </summary>
public abstract class FunnelChainTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    private string T(string name) => $"chaintest{_tag}.{name}";

    [Fact]
    public async Task Attempts_sharing_a_chain_keep_their_own_window()
    {
        var t0 = new DateTime(2026, 4, 1, 8, 0, 0, DateTimeKind.Utc);
        // Two visits before one cart: only the later visit has the order inside its 2-day window.
        var late = await AddCustomerAsync([(T("visit"), t0), (T("visit"), t0.AddDays(1)), (T("cart"), t0.AddDays(1.5)), (T("order"), t0.AddDays(2.5))]);
        // Both visits reach the order: the earlier one is chosen.
        var early = await AddCustomerAsync([(T("visit"), t0), (T("visit"), t0.AddHours(1)), (T("cart"), t0.AddHours(2)), (T("order"), t0.AddHours(3))]);
        // The cart is outside every window: step 2 not reached, although the chain exists.
        var slow = await AddCustomerAsync([(T("visit"), t0), (T("cart"), t0.AddDays(3)), (T("order"), t0.AddDays(3.1))]);
        // A second cart after the order starts a later chain that reaches further than the first.
        var second = await AddCustomerAsync([(T("visit"), t0), (T("cart"), t0.AddDays(1.9)), (T("visit"), t0.AddDays(5)), (T("cart"), t0.AddDays(5.1)), (T("order"), t0.AddDays(5.2))]);

        var funnel = new FunnelDefinition { Steps = [new(T("visit")), new(T("cart")), new(T("order"))], Window = TimeSpan.FromDays(2) };
        var expected = FunnelCalculator.Calculate(funnel, [late, early, slow, second]);
        var actual = await app.Services.GetRequiredService<IJourneyAnalytics>().FunnelAsync(funnel, Ct);

        Assert.Equal(new long[] { 4, 3, 3 }, expected.Total.Steps.Select(s => s.Count).ToArray());
        Assert.Equal(expected.Total.Steps.Select(s => s.Count), actual.Total.Steps.Select(s => s.Count));
        foreach (var (e, a) in expected.Total.Steps.Zip(actual.Total.Steps))
        {
            Assert.Equal(e.MedianSecondsFromFirst is null, a.MedianSecondsFromFirst is null);
            if (e.MedianSecondsFromFirst is { } m) Assert.InRange(a.MedianSecondsFromFirst!.Value, m - 1e-3, m + 1e-3);
            if (e.P90SecondsFromPrevious is { } p) Assert.InRange(a.P90SecondsFromPrevious!.Value, p - 1e-3, p + 1e-3);
        }
    }

    /// <summary>A step in the same instant as the step before it is not later; the next one after it is.</summary>
    [Fact]
    public async Task A_step_in_the_same_instant_as_the_one_before_is_not_later()
    {
        var t0 = new DateTime(2026, 4, 3, 8, 0, 0, DateTimeKind.Utc);
        var same = await AddCustomerAsync([(T("visit"), t0), (T("cart"), t0), (T("order"), t0.AddHours(1))]);
        var later = await AddCustomerAsync([(T("visit"), t0), (T("cart"), t0), (T("cart"), t0.AddHours(1)), (T("order"), t0.AddHours(1)), (T("order"), t0.AddHours(2))]);
        // The exclusion in the start's instant is not after it, so the attempt stands.
        var excludedAtStart = await AddCustomerAsync([(T("visit"), t0), (T("help"), t0), (T("cart"), t0.AddHours(1)), (T("order"), t0.AddHours(2))]);

        var funnel = new FunnelDefinition
        {
            Steps = [new(T("visit")), new(T("cart")), new(T("order"))], Window = TimeSpan.FromDays(1),
            Exclusions = [new FunnelExclusion(T("help"), 0, 1)],
        };
        var expected = FunnelCalculator.Calculate(funnel, [same, later, excludedAtStart]);
        var actual = await app.Services.GetRequiredService<IJourneyAnalytics>().FunnelAsync(funnel, Ct);

        Assert.Equal(new long[] { 3, 2, 2 }, expected.Total.Steps.Select(s => s.Count).ToArray());
        Assert.Equal(expected.Total.Steps.Select(s => s.Count), actual.Total.Steps.Select(s => s.Count));
        Assert.Equal(expected.Total.Steps[2].MedianSecondsFromFirst, actual.Total.Steps[2].MedianSecondsFromFirst);
    }

    /// <summary>In strict order each step is the very next event, and it must still fall within the window.</summary>
    [Fact]
    public async Task Strict_steps_are_the_next_events_and_within_the_window()
    {
        var t0 = new DateTime(2026, 4, 4, 8, 0, 0, DateTimeKind.Utc);
        var all = await AddCustomerAsync([(T("visit"), t0), (T("cart"), t0.AddHours(1)), (T("order"), t0.AddHours(2))]);
        var lateCart = await AddCustomerAsync([(T("visit"), t0), (T("cart"), t0.AddDays(3)), (T("order"), t0.AddDays(3.1))]);
        var lateOrder = await AddCustomerAsync([(T("visit"), t0), (T("cart"), t0.AddHours(1)), (T("order"), t0.AddDays(2.5))]);
        var between = await AddCustomerAsync([(T("visit"), t0), (T("help"), t0.AddMinutes(5)), (T("cart"), t0.AddHours(1)), (T("order"), t0.AddHours(2))]);
        // Two visits in one instant: the one numbered first is followed by the other visit, the second by the cart.
        var twin = await AddCustomerAsync([(T("visit"), t0), (T("visit"), t0), (T("cart"), t0.AddHours(1)), (T("order"), t0.AddHours(2))]);

        var funnel = new FunnelDefinition { Steps = [new(T("visit")), new(T("cart")), new(T("order"))], Window = TimeSpan.FromDays(2), Order = FunnelOrder.Strict };
        var expected = FunnelCalculator.Calculate(funnel, [all, lateCart, lateOrder, between, twin]);
        var actual = await app.Services.GetRequiredService<IJourneyAnalytics>().FunnelAsync(funnel, Ct);

        Assert.Equal(new long[] { 5, 3, 2 }, expected.Total.Steps.Select(s => s.Count).ToArray());
        Assert.Equal(expected.Total.Steps.Select(s => s.Count), actual.Total.Steps.Select(s => s.Count));
        Assert.Equal(expected.Total.Steps[1].MedianSecondsFromFirst, actual.Total.Steps[1].MedianSecondsFromFirst);
    }

    private async Task<CustomerEvents> AddCustomerAsync(IReadOnlyList<(string Type, DateTime At)> events)
    {
        await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create();
        var c = new Customer { Name = $"chain {_tag}", CreatedAtUtc = DateTime.UtcNow };
        db.Customers.Add(c);
        await db.SaveChangesAsync(Ct);
        var rows = events.Select((e, i) => new TouchpointEvent
        {
            ClientEventId = $"chain-{_tag}-{c.Id}-{i}", CustomerId = c.Id, Type = e.Type, Channel = "web",
            OccurredAtUtc = e.At, ReceivedAtUtc = e.At, Source = "api",
        }).ToList();
        db.Events.AddRange(rows);
        await db.SaveChangesAsync(Ct);
        return new CustomerEvents(c.Id, "", rows.Select(e => new FunnelEvent(e.Id, e.Type, e.Channel, e.OccurredAtUtc, FunnelEvent.ParseProperties(null))).ToList());
    }
}

public sealed class FunnelChainOnSqlite(SqliteApp app) : FunnelChainTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class FunnelChainOnPostgres(PostgresApp app) : FunnelChainTests<PostgresApp>(app), IClassFixture<PostgresApp>;
