using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Touchpoint.Data.Analytics;
using Touchpoint.Data.Customers;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Journeys.Analytics;
using Touchpoint.Testing;

namespace Touchpoint.Web.Tests;

/// <summary>
/// A merge moves events already in the DuckDB mirror to another customer; funnels and paths must see the move,
/// also through a chain of merges and after the mirror restarts.
/// </summary>
public abstract class MirrorMergeTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    private string Visit => $"mergetest{_tag}.visit";
    private string Order => $"mergetest{_tag}.order";

    [Fact]
    public async Task Funnels_and_paths_follow_a_merge_of_customers_already_in_the_mirror()
    {
        var analytics = app.Services.GetRequiredService<IJourneyAnalytics>();
        var anonymous = await AddCustomerAsync("anonymous");
        var known = await AddCustomerAsync("known");
        var t0 = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);
        await AddEventAsync(anonymous, Visit, t0);
        await AddEventAsync(known, Order, t0.AddHours(1));

        Assert.Equal(new long[] { 1, 0 }, await FunnelCountsAsync(analytics));
        Assert.Equal([(Visit, PathQuery.End, 1L)], await PathAsync(analytics));

        await MergeAsync(anonymous, known);
        Assert.Equal(new long[] { 1, 1 }, await FunnelCountsAsync(analytics));
        Assert.Equal([(Visit, Order, 1L), (Order, PathQuery.End, 1L)], await PathAsync(analytics));

        // The survivor is itself merged later: the store repoints the first merge, the mirror must follow both.
        var account = await AddCustomerAsync("account");
        await MergeAsync(known, account);
        var options = app.Services.GetRequiredService<AnalyticsOptions>();
        var restarted = new AnalyticsMirror(new AnalyticsDatabase(options), options, app.Services.GetRequiredService<StoreOptions>(),
            app.Services.GetRequiredService<TouchpointDbFactory>(), TimeProvider.System, NullLogger<AnalyticsMirror>.Instance);
        Assert.Equal(0, await restarted.CatchUpAsync(Ct)); // a new mirror instance over the same file copies nothing again
        Assert.Equal(2, await MirrorEventsOfAsync(options, account));
        Assert.Equal(0, await MirrorEventsOfAsync(options, anonymous));
        Assert.Equal(0, await MirrorEventsOfAsync(options, known));
        Assert.Equal(new long[] { 1, 1 }, await FunnelCountsAsync(analytics));
    }

    /// <summary>
    /// The mirror follows the store's merge log after the last id it read, and reads the last minutes again: a merge
    /// whose transaction took an id before a later merge but committed after it is applied all the same, once.
    /// </summary>
    [Fact]
    public async Task A_merge_committed_after_a_later_one_is_followed_once()
    {
        var options = app.Services.GetRequiredService<AnalyticsOptions>();
        var mirror = app.Services.GetRequiredService<AnalyticsMirror>();
        var (visitor, buyer, other, survivor) = (await AddCustomerAsync("visitor"), await AddCustomerAsync("buyer"), await AddCustomerAsync("other"), await AddCustomerAsync("survivor"));
        var t0 = new DateTime(2026, 3, 5, 10, 0, 0, DateTimeKind.Utc);
        await AddEventAsync(visitor, Visit, t0);
        await AddEventAsync(other, Visit, t0);
        // An id taken and not yet committed: burnt here, so the late merge can be given it afterwards.
        long lateId;
        await using (var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create())
        {
            var placeholder = new CustomerMergeEntry { FromId = visitor, IntoId = buyer, MergedAtUtc = DateTime.UtcNow };
            db.CustomerMerges.Add(placeholder);
            await db.SaveChangesAsync(Ct);
            lateId = placeholder.Id;
            db.CustomerMerges.Remove(placeholder);
            await db.SaveChangesAsync(Ct);
        }
        await MergeAsync(other, survivor);
        await mirror.CatchUpAsync(Ct);
        Assert.Equal(1, await MirrorEventsOfAsync(options, survivor));

        await MergeAsync(visitor, buyer);
        await using (var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create())
        {
            var late = db.CustomerMerges.Single(m => m.FromId == visitor);
            await db.Database.ExecuteSqlAsync($"UPDATE customer_merges SET id = {lateId} WHERE id = {late.Id}", Ct);
        }
        await mirror.CatchUpAsync(Ct);
        Assert.Equal(1, await MirrorEventsOfAsync(options, buyer));
        Assert.Equal(0, await MirrorEventsOfAsync(options, visitor));
        // Read again by the next catch-up (still recent), but not applied twice.
        var applied = await MirrorCountAsync(options, "SELECT count(*) FROM merge_log_applied");
        Assert.True(applied >= 2, "the recent merges read are remembered as applied");
        await mirror.CatchUpAsync(Ct);
        Assert.Equal(1, await MirrorEventsOfAsync(options, buyer));
        Assert.Equal(applied, await MirrorCountAsync(options, "SELECT count(*) FROM merge_log_applied"));
    }

    /// <summary>Paths read a numbered timeline the mirror keeps; an event arriving late, between two others, renumbers the customer.</summary>
    [Fact]
    public async Task Paths_follow_an_event_that_arrives_late_between_two_others()
    {
        var analytics = (DuckDbJourneyAnalytics)app.Services.GetRequiredService<IJourneyAnalytics>();
        var customer = await AddCustomerAsync("late");
        var t0 = new DateTime(2026, 4, 1, 10, 0, 0, DateTimeKind.Utc);
        await AddEventAsync(customer, Visit, t0);
        await AddEventAsync(customer, Order, t0.AddHours(1));
        Assert.Equal([(Visit, Order, 1L), (Order, PathQuery.End, 1L)], await PathAsync(analytics));

        var help = $"mergetest{_tag}.help";
        await AddEventAsync(customer, help, t0.AddMinutes(30));
        Assert.Equal([(Visit, help, 1L), (help, Order, 1L)], await PathAsync(analytics));
        Assert.Contains(analytics.LastTimelineAction, new[] { "refreshed", "current" }); // current when the background catch-up renumbered first
        Assert.Equal([(Visit, help, 1L), (help, Order, 1L)], await PathAsync(analytics));
        Assert.Equal("current", analytics.LastTimelineAction);
    }

    /// <summary>Ordered funnels read each customer's times per type, which the mirror keeps; a late event joins its list.</summary>
    [Fact]
    public async Task Funnels_follow_an_event_that_arrives_late_between_two_others()
    {
        var analytics = (DuckDbJourneyAnalytics)app.Services.GetRequiredService<IJourneyAnalytics>();
        var customer = await AddCustomerAsync("late funnel");
        var cart = $"mergetest{_tag}.cart";
        var t0 = new DateTime(2026, 4, 2, 10, 0, 0, DateTimeKind.Utc);
        var funnel = new FunnelDefinition { Steps = [new(Visit), new(cart), new(Order)], Window = TimeSpan.FromDays(1) };
        await AddEventAsync(customer, Visit, t0);
        await AddEventAsync(customer, Order, t0.AddHours(2));
        Assert.Equal(new long[] { 1, 0, 0 }, await CountsAsync(funnel));
        Assert.NotEqual("", analytics.LastTypeTimesAction);

        await AddEventAsync(customer, cart, t0.AddHours(1));
        Assert.Equal(new long[] { 1, 1, 1 }, await CountsAsync(funnel));
        Assert.Contains(analytics.LastTypeTimesAction, new[] { "refreshed", "current" }); // current when the background catch-up refreshed first
        Assert.Equal(new long[] { 1, 1, 1 }, await CountsAsync(funnel));
        Assert.Equal("current", analytics.LastTypeTimesAction);

        async Task<long[]> CountsAsync(FunnelDefinition f) => (await analytics.FunnelAsync(f, Ct)).Total.Steps.Select(s => s.Count).ToArray();
    }

    /// <summary>
    /// Refreshes leave deleted rows behind and append out of the build's order, so a kept table whose refreshes have
    /// recomputed a quarter of its customers (at least 1,000) since its build is built again instead.
    /// </summary>
    [Fact]
    public async Task A_kept_table_is_built_again_once_its_refreshes_add_up_to_a_rebuild()
    {
        var analytics = (DuckDbJourneyAnalytics)app.Services.GetRequiredService<IJourneyAnalytics>();
        var options = app.Services.GetRequiredService<AnalyticsOptions>();
        var customer = await AddCustomerAsync("recomputed");
        var cart = $"mergetest{_tag}.cart";
        var t0 = new DateTime(2026, 4, 3, 10, 0, 0, DateTimeKind.Utc);
        var funnel = new FunnelDefinition { Steps = [new(Visit), new(cart), new(Order)], Window = TimeSpan.FromDays(1) };
        await AddEventAsync(customer, Visit, t0);
        await analytics.FunnelAsync(funnel, Ct);
        await MirrorAsync(options, "INSERT OR REPLACE INTO mirror_state VALUES ('type_times_recomputed', 0)");

        await AddEventAsync(customer, cart, t0.AddHours(1));
        Assert.Equal(new long[] { 1, 1, 0 }, (await analytics.FunnelAsync(funnel, Ct)).Total.Steps.Select(x => x.Count).ToArray());
        Assert.True(await RecomputedAsync() > 0, "a refresh counts the customers it recomputed");

        var customers = await MirrorCountAsync(options, "SELECT value FROM mirror_state WHERE name = 'type_times_customers'");
        var atRebuild = (long)Math.Ceiling(Math.Max(0.25 * customers, 1_000));
        await MirrorAsync(options, $"INSERT OR REPLACE INTO mirror_state VALUES ('type_times_recomputed', {atRebuild})");
        await AddEventAsync(customer, Order, t0.AddHours(2));
        Assert.Equal(new long[] { 1, 1, 1 }, (await analytics.FunnelAsync(funnel, Ct)).Total.Steps.Select(x => x.Count).ToArray());
        Assert.Equal(0, await RecomputedAsync()); // built again, by the question or by the background catch-up before it

        Task<long> RecomputedAsync() => MirrorCountAsync(options, "SELECT value FROM mirror_state WHERE name = 'type_times_recomputed'");
    }

    /// <summary>Kept rows nobody asked for in a week are dropped by the next catch-up, and the change log with them.</summary>
    [Fact]
    public async Task Kept_rows_unused_for_a_week_are_dropped_and_built_again_when_asked()
    {
        var analytics = (DuckDbJourneyAnalytics)app.Services.GetRequiredService<IJourneyAnalytics>();
        var options = app.Services.GetRequiredService<AnalyticsOptions>();
        var customer = await AddCustomerAsync("unused");
        await AddEventAsync(customer, Visit, new DateTime(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc));
        await PathAsync(analytics);
        await FunnelCountsAsync(analytics);
        var weekAgo = DateTimeOffset.UtcNow.AddDays(-8);
        await MirrorAsync(options, $"""
            INSERT OR REPLACE INTO mirror_state VALUES ('timeline_used', {weekAgo.ToUnixTimeSeconds()});
            INSERT OR REPLACE INTO mirror_state VALUES ('type_times_used', {weekAgo.ToUnixTimeSeconds()});
            INSERT INTO friction_sets VALUES (9999, 'stale', 9223372036854775807, TIMESTAMP '{weekAgo.UtcDateTime:yyyy-MM-dd HH:mm:ss}', 'SELECT 1', '[]');
            INSERT INTO friction_rows VALUES (9999, 0, {customer}, TRUE, TIMESTAMP '2026-05-01 09:00:00', TIMESTAMP '2026-05-01 09:00:00', NULL, NULL, 0);
            """);
        await AddEventAsync(customer, Order, new DateTime(2026, 5, 1, 10, 0, 0, DateTimeKind.Utc));
        await app.Services.GetRequiredService<AnalyticsMirror>().CatchUpAsync(Ct);

        Assert.Equal(0, await MirrorCountAsync(options, "SELECT count(*) FROM timeline"));
        Assert.Equal(0, await MirrorCountAsync(options, "SELECT count(*) FROM type_times"));
        Assert.Equal(0, await MirrorCountAsync(options, "SELECT count(*) FROM friction_sets WHERE id = 9999"));
        Assert.Equal(0, await MirrorCountAsync(options, "SELECT count(*) FROM friction_rows WHERE set_id = 9999"));
        Assert.Equal(0, await MirrorCountAsync(options, "SELECT count(*) FROM mirror_touched"));
        Assert.Equal([(Visit, Order, 1L), (Order, PathQuery.End, 1L)], await PathAsync(analytics));
        Assert.Equal("built", analytics.LastTimelineAction);
        Assert.Equal(new long[] { 1, 1 }, await FunnelCountsAsync(analytics));
        Assert.Equal("built", analytics.LastTypeTimesAction);
    }

    private async Task MirrorAsync(AnalyticsOptions options, string sql)
    {
        await using var conn = await new AnalyticsDatabase(options).OpenAsync(Ct);
        await AnalyticsDatabase.ExecuteAsync(conn, sql, Ct);
    }

    private async Task<long> MirrorCountAsync(AnalyticsOptions options, string sql)
    {
        await using var conn = await new AnalyticsDatabase(options).OpenAsync(Ct);
        return await AnalyticsDatabase.ScalarAsync(conn, sql, Ct);
    }

    private async Task<long[]> FunnelCountsAsync(IJourneyAnalytics analytics)
    {
        var f = new FunnelDefinition { Steps = [new(Visit), new(Order)], Window = TimeSpan.FromDays(1) };
        var result = await analytics.FunnelAsync(f, Ct);
        return result.Total.Steps.Select(s => s.Count).ToArray();
    }

    private async Task<List<(string, string, long)>> PathAsync(IJourneyAnalytics analytics) =>
        (await analytics.PathsAsync(new PathQuery(Visit, Depth: 2), Ct)).Select(p => (p.From, p.To, p.Customers)).ToList();

    private async Task<long> AddCustomerAsync(string name)
    {
        await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create();
        var c = new Customer { Name = $"{name} {_tag}", CreatedAtUtc = DateTime.UtcNow };
        db.Customers.Add(c);
        await db.SaveChangesAsync(Ct);
        return c.Id;
    }

    private async Task AddEventAsync(long customerId, string type, DateTime at)
    {
        await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create();
        db.Events.Add(new TouchpointEvent
        {
            ClientEventId = $"{type}-{customerId}", CustomerId = customerId, Type = type, Channel = "web",
            OccurredAtUtc = at, ReceivedAtUtc = at, Source = "api",
        });
        await db.SaveChangesAsync(Ct);
    }

    private async Task MergeAsync(long fromId, long intoId)
    {
        await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create();
        await using var tx = await db.Database.BeginTransactionAsync(Ct);
        await CustomerMerge.MergeAsync(db, fromId, intoId, Ct);
        await tx.CommitAsync(Ct);
    }

    private Task<long> MirrorEventsOfAsync(AnalyticsOptions options, long customerId) =>
        MirrorCountAsync(options, $"SELECT count(*) FROM events WHERE customer_id = {customerId} AND type LIKE 'mergetest{_tag}.%'");
}

public sealed class MirrorMergeOnSqlite(SqliteApp app) : MirrorMergeTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class MirrorMergeOnPostgres(PostgresApp app) : MirrorMergeTests<PostgresApp>(app), IClassFixture<PostgresApp>;
