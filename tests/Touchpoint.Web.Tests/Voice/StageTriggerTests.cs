using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Journeys;
using Touchpoint.Data.Store;
using Touchpoint.Data.Voice;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Journeys.Maps;
using Touchpoint.Domain.Voice;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;
using static Touchpoint.Web.Tests.Voice.VoiceTestData;

namespace Touchpoint.Web.Tests.Voice;

/// <summary>
/// The app with a clock the test moves, no background trigger runner (tests run the passes) and no contact limit
/// or quiet hours, so what a trigger's own rules do is all that decides who is invited.
/// </summary>
public class TriggerClockApp(StoreProvider provider) : TouchpointApp(provider)
{
    public ManualClock Clock { get; } = new() { Now = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Voice:RunTriggers", "false");
        builder.UseSetting("Voice:ContactLimitDays", "0");
        builder.UseSetting("Voice:QuietFrom", "00:00");
        builder.UseSetting("Voice:QuietUntil", "00:00");
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class SqliteTriggerClockApp() : TriggerClockApp(StoreProvider.Sqlite);

public sealed class PostgresTriggerClockApp() : TriggerClockApp(StoreProvider.Postgres);

/// <summary>"When stage Y is reached" and the audience filters (property, sampling) of journey triggers.</summary>
public abstract class StageTriggerTests<TApp>(TApp app) where TApp : TriggerClockApp
{
    private async Task<T> QueryAsync<T>(Func<TouchpointDb, Task<T>> query)
    {
        await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create();
        return await query(db);
    }

    /// <summary>A shop journey: purchase (order.placed), delivery (order.shipped, order.delivered).</summary>
    private async Task<long> ShopJourneyAsync()
    {
        await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create();
        var team = new Team { Name = Unique("Delivery"), CreatedAtUtc = app.Clock.Now.UtcDateTime };
        db.Teams.Add(team);
        await db.SaveChangesAsync(Ct);
        var definition = new JourneyDefinition(Unique("Shop"), "test",
        [
            new JourneyStage("purchase", "Purchase", [new StageTouchpoint("order.placed", team.Id)]),
            new JourneyStage("delivery", "Delivery", [new StageTouchpoint("order.shipped", team.Id), new StageTouchpoint("order.delivered", team.Id, Repeatable: true)]),
        ], []);
        var (saved, errors) = await JourneyCatalog.SaveAsync(db, null, definition, null, "test", app.Clock.Now.UtcDateTime, Ct);
        Assert.True(saved is not null, string.Join("; ", errors));
        return saved.Id;
    }

    private async Task EventsAsync(HttpClient admin, params object[] events)
    {
        var r = await admin.PostAsync("/api/v1/events/batch", Json(new { events }), Ct);
        var report = await r.ReadJsonAsync();
        Assert.True(report.GetProperty("accepted").GetInt32() == events.Length, report.ToString());
    }

    private static object Event(string customer, string type, DateTimeOffset at, object? properties = null) =>
        new { id = Unique("e"), customerId = customer, type, channel = "web", occurredAt = at.ToString("O"), properties };

    private async Task<long> TriggerAsync(HttpClient admin, object body)
    {
        var r = await admin.PostAsync("/api/v1/voice/triggers", Json(body), Ct);
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync(Ct));
        return (await r.ReadJsonAsync()).GetProperty("id").GetInt64();
    }

    /// <summary>A fresh runner over the same store: nothing carried in memory from an earlier pass (a restart).</summary>
    private SurveyTriggers FreshRunner() => ActivatorUtilities.CreateInstance<SurveyTriggers>(app.Services,
        ActivatorUtilities.CreateInstance<SurveyDispatch>(app.Services));

    private Task<List<SurveyInvitation>> InvitationsAsync(long triggerId) =>
        QueryAsync(db => db.SurveyInvitations.AsNoTracking().Where(i => i.TriggerId == triggerId).OrderBy(i => i.Id).ToListAsync(Ct));

    [Fact]
    public async Task A_stage_trigger_invites_once_when_the_customer_first_reaches_the_stage_after_the_delay_across_restarts()
    {
        var admin = await AdminAsync(app);
        var journey = await ShopJourneyAsync();
        var survey = await LiveSurveyAsync(admin, "nps");
        var trigger = await TriggerAsync(admin, new { surveyId = survey, journeyId = journey, stage = "delivery", delayHours = 72 });
        var start = app.Clock.Now;
        var (ana, anaExternal, _) = await CustomerAsync(admin, "Ana Stage");
        var (_, brunoExternal, _) = await CustomerAsync(admin, "Bruno Purchase only");
        await EventsAsync(admin, Event(anaExternal, "order.placed", start), Event(brunoExternal, "order.placed", start),
            Event(anaExternal, "order.shipped", start.AddHours(1)));
        app.Clock.Now = start.AddHours(2);
        await EventsAsync(admin, Event(anaExternal, "order.delivered", start.AddHours(2)));

        await FreshRunner().RunOnceAsync(Ct);
        Assert.Empty(await InvitationsAsync(trigger)); // 72 hours have not passed

        app.Clock.Now = start.AddHours(73);
        await FreshRunner().RunOnceAsync(Ct);
        app.Clock.Now = start.AddHours(80);
        await FreshRunner().RunOnceAsync(Ct);

        var invitation = Assert.Single(await InvitationsAsync(trigger));
        Assert.Equal((ana, "order.shipped", InvitationStatus.Sent), (invitation.CustomerId!.Value, invitation.Touchpoint, invitation.Status));
        Assert.Equal(start.AddHours(73).UtcDateTime, invitation.SentAtUtc);
        var cursor = await QueryAsync(db => db.SurveyTriggers.Where(t => t.Id == trigger).Select(t => t.LastEventId).SingleAsync(Ct));
        var lastDelivery = await QueryAsync(db => db.Events.Where(e => e.Type == "order.delivered").MaxAsync(e => e.Id, Ct));
        Assert.True(cursor >= lastDelivery, "the cursor moved past every event it looked at");
    }

    [Fact]
    public async Task Property_filters_pick_the_audience_by_equals_on_a_nested_path_and_by_contains()
    {
        var admin = await AdminAsync(app);
        var survey = await LiveSurveyAsync(admin, "csat", "How was the delivery?");
        var express = await TriggerAsync(admin, new { surveyId = survey, eventType = "order.delivered", propertyName = "carrier", propertyOperator = "contains", propertyValue = "express" });
        var portugal = await TriggerAsync(admin, new { surveyId = survey, eventType = "order.delivered", propertyName = "address.country", propertyOperator = "equals", propertyValue = "pt" });
        var (carla, carlaExternal, _) = await CustomerAsync(admin, "Carla DHL Express PT");
        var (dino, dinoExternal, _) = await CustomerAsync(admin, "Dino UPS ES");
        var (_, eveExternal, _) = await CustomerAsync(admin, "Eve no properties");
        var now = app.Clock.Now;
        await EventsAsync(admin,
            Event(carlaExternal, "order.delivered", now, new { carrier = "DHL Express", address = new { country = "PT" } }),
            Event(dinoExternal, "order.delivered", now, new { carrier = "UPS", address = new { country = "ES" } }),
            Event(eveExternal, "order.delivered", now));

        await FreshRunner().RunOnceAsync(Ct);

        Assert.Equal([carla], (await InvitationsAsync(express)).Select(i => i.CustomerId!.Value));
        Assert.Equal([carla], (await InvitationsAsync(portugal)).Select(i => i.CustomerId!.Value));
        Assert.DoesNotContain(dino, (await InvitationsAsync(express)).Select(i => i.CustomerId!.Value));
    }

    [Fact]
    public async Task Sampling_invites_exactly_the_customers_the_trigger_hash_puts_in_its_sample()
    {
        var admin = await AdminAsync(app);
        var survey = await LiveSurveyAsync(admin, "nps");
        var trigger = await TriggerAsync(admin, new { surveyId = survey, eventType = "newsletter.opened", samplingPercent = 50 });
        var customers = new List<(long Id, string External)>();
        for (var i = 0; i < 30; i++)
        {
            var (id, external, _) = await CustomerAsync(admin, $"Sample {i}");
            customers.Add((id, external));
        }
        await EventsAsync(admin, customers.Select(c => Event(c.External, "newsletter.opened", app.Clock.Now)).ToArray());

        await FreshRunner().RunOnceAsync(Ct);

        var expected = customers.Where(c => SurveyTriggers.InSample(trigger, c.Id, 50)).Select(c => c.Id).ToHashSet();
        var invited = (await InvitationsAsync(trigger)).Select(i => i.CustomerId!.Value).ToHashSet();
        Assert.Equal(expected, invited);
        Assert.InRange(invited.Count, 1, 29);
    }

    [Fact]
    public async Task Bad_stage_and_property_filters_are_refused_naming_the_field_and_store_nothing()
    {
        var admin = await AdminAsync(app);
        var journey = await ShopJourneyAsync();
        var survey = await LiveSurveyAsync(admin, "nps");
        var before = await QueryAsync(db => db.SurveyTriggers.CountAsync(Ct));
        async Task Refused(object body, string field)
        {
            var problem = await (await admin.PostAsync("/api/v1/voice/triggers", Json(body), Ct)).ProblemAsync(400);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        await Refused(new { surveyId = survey, journeyId = journey, stage = "checkout" }, "stage");
        await Refused(new { surveyId = survey, journeyId = 999999, stage = "delivery" }, "journeyId");
        await Refused(new { surveyId = survey, stage = "delivery" }, "journeyId");
        await Refused(new { surveyId = survey, eventType = "order.delivered", propertyName = "carrier", propertyOperator = "like", propertyValue = "x" }, "propertyOperator");
        await Refused(new { surveyId = survey, eventType = "order.delivered", propertyName = "carrier" }, "propertyValue");
        await Refused(new { surveyId = survey, eventType = "order.delivered", channel = "pigeon" }, "channel");
        Assert.Equal(before, await QueryAsync(db => db.SurveyTriggers.CountAsync(Ct)));
    }
}

public sealed class StageTriggerOnSqlite(SqliteTriggerClockApp app) : StageTriggerTests<SqliteTriggerClockApp>(app), IClassFixture<SqliteTriggerClockApp>;

public sealed class StageTriggerOnPostgres(PostgresTriggerClockApp app) : StageTriggerTests<PostgresTriggerClockApp>(app), IClassFixture<PostgresTriggerClockApp>;
