using Touchpoint.Data.Service.Sla;
using Touchpoint.Domain.Service.Routing;
using Touchpoint.Domain.Service.Sla;

namespace Touchpoint.Cli.Tests;

public abstract class SlaAndRoutingCommandTests(Func<Task<CliStore>> newStore)
{
    [Fact]
    public async Task Sla_policies_list_and_show_print_the_stored_policies_and_an_unknown_id_is_an_error()
    {
        var store = await newStore();
        Assert.Equal(0, (await store.RunAsync("migrate")).Exit);
        var id = await store.QueryAsync(async db =>
        {
            var row = new SlaPolicyDefinition();
            SlaPolicyDrafts.Apply(new SlaPolicyDraft
            {
                Name = "Enterprise urgent", Position = 1,
                Conditions = new SlaConditions { Segments = ["enterprise"], Priorities = ["urgent"] },
                Targets = new Dictionary<string, SlaTargetMinutes> { ["urgent"] = new() { FirstResponse = 30, Resolution = 240 } },
                Calendar = new SlaCalendarInput { TimeZone = "America/New_York", BusinessHours = "Mon-Fri 09:00-17:00" },
                Warning = new SlaWarning { Percent = 80 }, OnWarning = new SlaActions { Notify = true }, OnBreach = new SlaActions { RaisePriority = true, AddTag = "escalated" },
            }, row, 1, DateTime.UtcNow);
            db.SlaPolicies().Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });

        var json = await store.RunAsync("sla", "policies", "list", "--json");
        Assert.True(json.Exit == 0, json.Err);
        var policy = json.Json().EnumerateArray().Single(p => p.GetProperty("id").GetInt64() == id);
        Assert.Equal("Enterprise urgent", policy.GetProperty("name").GetString());
        Assert.Equal(30, policy.GetProperty("targets").GetProperty("urgent").GetProperty("firstResponse").GetInt32());
        Assert.Equal("enterprise", policy.GetProperty("conditions").GetProperty("segments")[0].GetString());

        var show = await store.RunAsync("sla", "policies", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(show.Exit == 0, show.Err);
        Assert.Contains($"#{id} Enterprise urgent (position 1): priority urgent, segment enterprise", show.Out);
        Assert.Contains("urgent  first response 30 min, next response none, resolution 4 h", show.Out);
        Assert.Contains("calendar: America/New_York, Mon-Fri 09:00-17:00", show.Out);
        Assert.Contains("on breach: raise priority, tag escalated", show.Out);

        var missing = await store.RunAsync("sla", "policies", "show", "987654");
        Assert.Equal(1, missing.Exit);
        Assert.Contains("no SLA policy has id 987654", missing.Err);
    }

    [Fact]
    public async Task Routing_rules_list_prints_the_rules_in_evaluation_order()
    {
        var store = await newStore();
        Assert.Equal(0, (await store.RunAsync("migrate")).Exit);
        await store.QueryAsync(async db =>
        {
            var now = DateTime.UtcNow;
            db.Set<RoutingRule>().Add(new RoutingRule
            {
                Name = "Second", Position = 2, Trigger = RuleTriggers.PendingFor, AfterMinutes = 60, CreatedAtUtc = now, UpdatedAtUtc = now,
                ActionsJson = RoutingRule.Write([new RuleAction(RuleActionTypes.SetStatus, "solved")]),
            });
            db.Set<RoutingRule>().Add(new RoutingRule
            {
                Name = "First", Position = 1, Match = RuleMatch.Any, CreatedAtUtc = now, UpdatedAtUtc = now,
                ConditionsJson = RoutingRule.Write([new RuleCondition("channel", "is", ["email"]), new RuleCondition("content", "contains_any", ["refund", "money back"])]),
                ActionsJson = RoutingRule.Write([new RuleAction(RuleActionTypes.AddTags, Values: ["billing"]), new RuleAction(RuleActionTypes.Stop)]),
            });
            await db.SaveChangesAsync();
            return 0;
        });

        var json = await store.RunAsync("routing", "rules", "list", "--json");
        Assert.True(json.Exit == 0, json.Err);
        var rules = json.Json().EnumerateArray().ToList();
        Assert.Equal(["First", "Second"], rules.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal("money back", rules[0].GetProperty("conditions")[1].GetProperty("values")[1].GetString());
        Assert.Equal(60, rules[1].GetProperty("afterMinutes").GetInt32());

        var table = await store.RunAsync("routing", "rules", "list");
        Assert.Contains("when channel is email or content contains_any refund/money back", table.Out);
        Assert.Contains("then add_tags billing, stop", table.Out);
        Assert.Contains("(pending_for 60 min)", table.Out);
    }
}

public sealed class SlaAndRoutingCommandOnSqlite() : SlaAndRoutingCommandTests(SqliteStore.CreateAsync);

public sealed class SlaAndRoutingCommandOnPostgres() : SlaAndRoutingCommandTests(PostgresStore.CreateAsync);
