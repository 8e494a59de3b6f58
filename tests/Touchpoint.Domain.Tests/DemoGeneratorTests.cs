using Touchpoint.Domain.Demo;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Domain.Tests;

public class DemoGeneratorTests
{
    private static readonly DemoOptions Options = new() { Customers = 3000, Seed = 42, AgentUserIds = [1, 2, 3], NpsSurveyId = 1, CsatSurveyId = 2, CesSurveyId = 3 };

    private static List<DemoCustomerHistory> Company() => new DemoGenerator(Options).Generate().ToList();

    [Fact]
    public void The_same_seed_gives_the_same_company()
    {
        var a = new DemoGenerator(Options with { Customers = 200 }).Generate().SelectMany(h => h.Events).Select(e => (e.Id, e.Type, e.OccurredAtUtc)).ToList();
        var b = new DemoGenerator(Options with { Customers = 200 }).Generate().SelectMany(h => h.Events).Select(e => (e.Id, e.Type, e.OccurredAtUtc)).ToList();
        Assert.Equal(a, b);
        var other = new DemoGenerator(Options with { Customers = 200, Seed = 7 }).Generate().SelectMany(h => h.Events).Count();
        Assert.NotEqual(a.Count, other);
    }

    [Fact]
    public void Every_ticket_message_and_answer_is_also_a_touchpoint_on_the_timeline()
    {
        var company = Company();
        var events = company.SelectMany(h => h.Events).ToList();
        Assert.Equal(company.Sum(h => h.Messages.Count), events.Count(e => e.Type == TouchpointTypes.TicketMessage));
        Assert.Equal(company.Sum(h => h.Responses.Count), events.Count(e => e.Type == TouchpointTypes.SurveyAnswered));
        Assert.Equal(company.Sum(h => h.Tickets.Count), events.Count(e => e.Type == TouchpointTypes.TicketCreated));
        Assert.Equal(events.Count, events.Select(e => e.ClientEventId).Distinct().Count());
        Assert.All(company, h => Assert.All(h.Events, e => Assert.Equal(h.Customer.Id, e.CustomerId)));
    }

    [Fact]
    public void Journeys_span_the_stages_from_awareness_to_referral()
    {
        var types = Company().SelectMany(h => h.Events).Select(e => e.Type).ToHashSet();
        Assert.Superset(new HashSet<string> { "ad.clicked", "site.visited", "account.created", "order.placed", "order.shipped",
            "order.delivered", "ticket.created", "order.repeat_placed", "referral.sent", "survey.answered" }, types);
    }

    [Fact]
    public void Late_deliveries_measurably_lower_nps_and_raise_churn()
    {
        var company = Company();
        var late = company.Where(h => h.Friction.HasFlag(DemoFriction.LateDelivery)).ToList();
        var smooth = company.Where(h => h.Friction == DemoFriction.None && h.Events.Any(e => e.Type == "order.delivered")).ToList();
        Assert.True(late.Count > 200, $"only {late.Count} customers with a late delivery");
        double Nps(IEnumerable<DemoCustomerHistory> g) =>
            ScoreMetrics.Nps(g.SelectMany(h => h.Responses).Where(r => r.SurveyId == Options.NpsSurveyId).Select(r => r.Score!.Value)).Score!.Value;
        double Churn(List<DemoCustomerHistory> g) => g.Count(h => h.Churned) / (double)g.Count;
        Assert.True(Nps(smooth) - Nps(late) > 30, $"NPS smooth {Nps(smooth):F0} vs late {Nps(late):F0}");
        Assert.True(Churn(late) - Churn(smooth) > 0.1, $"churn smooth {Churn(smooth):P0} vs late {Churn(late):P0}");
    }

    [Fact]
    public void Long_waits_and_repeated_contacts_lower_csat()
    {
        var company = Company();
        double? Csat(Func<DemoCustomerHistory, bool> which) =>
            ScoreMetrics.CsatPercent(company.Where(which).SelectMany(h => h.Responses).Where(r => r.SurveyId == Options.CsatSurveyId).Select(r => r.Score!.Value));
        var smooth = Csat(h => !h.Friction.HasFlag(DemoFriction.LongWait) && !h.Friction.HasFlag(DemoFriction.RepeatedContact));
        var hurt = Csat(h => h.Friction.HasFlag(DemoFriction.LongWait) || h.Friction.HasFlag(DemoFriction.RepeatedContact));
        Assert.True(smooth - hurt > 20, $"CSAT smooth {smooth:F0}% vs hurt {hurt:F0}%");
    }

    [Fact]
    public void Nothing_happens_after_the_demo_end_date()
    {
        Assert.All(Company().SelectMany(h => h.Events), e => Assert.True(e.OccurredAtUtc <= Options.EndUtc));
    }
}

public class DemoIdentityTests
{
    [Fact]
    public void Every_identity_handle_names_one_customer_even_in_a_large_company()
    {
        var handles = new DemoGenerator(new DemoOptions { Customers = 60_000, Seed = 42 }).Generate()
            .SelectMany(h => h.Identities).Select(i => (i.Kind, i.Value)).ToList();
        Assert.Equal(handles.Count, handles.Distinct().Count());
    }
}
