using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Metrics;
using Touchpoint.Domain.Tests.ServiceMetrics;
using static Touchpoint.Domain.Tests.ServiceMetrics.TicketStory;

namespace Touchpoint.Domain.Tests;

public sealed class TicketWorkRulesTests
{
    [Theory]
    [InlineData(" VIP ", "vip")]
    [InlineData("Late Delivery", "late-delivery")]
    [InlineData("plan:gold", "plan:gold")]
    public void Tags_are_stored_lower_case_with_spaces_as_dashes(string raw, string stored) =>
        Assert.Equal(stored, TicketTags.Normalise(raw, out _));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("no way!", "may only contain")]
    [InlineData("a\"b", "may only contain")]
    [InlineData("%", "may only contain")]
    public void Tags_that_could_break_the_stored_list_or_a_like_pattern_are_refused(string raw, string reason)
    {
        Assert.Null(TicketTags.Normalise(raw, out var problem));
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void The_stored_tag_list_is_sorted_and_free_of_duplicates() =>
        Assert.Equal("[\"a\",\"b\"]", TicketTags.Write(["b", "a", "b"]));

    [Theory]
    [InlineData(CustomFieldType.Number, " 1250.50 ", "1250.50")]
    [InlineData(CustomFieldType.Date, "2026-03-09", "2026-03-09")]
    [InlineData(CustomFieldType.Choice, "GOLD", "Gold")]
    [InlineData(CustomFieldType.Text, "  order 4711 ", "order 4711")]
    public void Field_values_are_stored_in_a_canonical_form(CustomFieldType type, string raw, string stored)
    {
        var field = new CustomField { Key = "f", Type = type, ChoicesJson = "[\"Silver\",\"Gold\"]" };
        Assert.Equal(stored, CustomFieldRules.Normalise(field, raw, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData(CustomFieldType.Number, "12,5")]
    [InlineData(CustomFieldType.Date, "09/03/2026")]
    [InlineData(CustomFieldType.Choice, "Bronze")]
    public void Field_values_that_do_not_fit_the_type_are_refused_with_the_reason(CustomFieldType type, string raw)
    {
        var field = new CustomField { Key = "f", Type = type, ChoicesJson = "[\"Silver\",\"Gold\"]" };
        Assert.Null(CustomFieldRules.Normalise(field, raw, out var problem));
        Assert.Contains(raw, problem);
    }

    [Fact]
    public void A_field_definition_names_each_problem()
    {
        var problems = CustomFieldRules.CheckDefinition("Order Number", "", "colour", null).Select(p => p.Field).ToList();
        Assert.Equal(["key", "label", "type"], problems);
        Assert.Equal(["choices"], CustomFieldRules.CheckDefinition("plan", "Plan", "choice", ["a", "A"]).Select(p => p.Field));
    }

    [Fact]
    public void A_macro_fills_every_placeholder_and_flags_unknown_ones()
    {
        var text = MacroTemplate.Render("Hi {{ customer.first_name }}, about {{ticket.id}} ({{ticket.subject}}): {{agent.first_name}} / {{customer.email}}",
            new MacroContext("Joana Silva", "joana@example.com", 42, "Broken lamp", "Ana Souza"));
        Assert.Equal("Hi Joana, about #42 (Broken lamp): Ana / joana@example.com", text);
        Assert.Equal(["custmer.name", "ticket.ref"], MacroTemplate.Unknown("{{custmer.name}} {{ticket.ref}} {{ticket.id}}"));
    }

    [Fact]
    public void Merging_is_refused_into_itself_twice_into_a_merged_ticket_and_for_closed_tickets()
    {
        Ticket T(long id, TicketStatus s = TicketStatus.Open, long? merged = null) => new() { Id = id, Status = s, MergedIntoId = merged };
        Assert.Null(TicketWorkflow.MergeProblem(T(1), T(2)));
        Assert.Contains("itself", TicketWorkflow.MergeProblem(T(1), T(1)));
        Assert.Contains("already merged into #3", TicketWorkflow.MergeProblem(T(1, merged: 3), T(2)));
        Assert.Contains("merge into that ticket", TicketWorkflow.MergeProblem(T(1), T(2, merged: 3)));
        Assert.Contains("#2 is closed", TicketWorkflow.MergeProblem(T(1), T(2, TicketStatus.Closed)));
        Assert.Contains("#1 is closed", TicketWorkflow.MergeProblem(T(1, TicketStatus.Closed), T(2)));
    }

    // Urgent: first response 1 h, resolution 8 h; business hours Mon-Fri 09:00-18:00 (Lisbon = UTC in March).
    [Fact]
    public void An_unanswered_urgent_ticket_is_due_soon_then_breached_on_its_first_response()
    {
        var story = new TicketStory(Mon(10), priority: TicketPriority.Urgent).Customer(Mon(10));
        var soon = TicketSlaState.Of(story.History(), Lisbon, SlaPolicy.Default, Mon(10, 30));
        Assert.Equal(new TicketSlaState(SlaPhase.DueSoon, SlaTarget.FirstResponse, Mon(11)), soon);
        var late = TicketSlaState.Of(story.History(), Lisbon, SlaPolicy.Default, Mon(11, 30));
        Assert.Equal(new TicketSlaState(SlaPhase.Breached, SlaTarget.FirstResponse, Mon(11)), late);
    }

    // Normal: first response 8 h -> Mon 10:00 + 8 business hours = Mon 18:00; resolution 45 h -> Mon 8 h + Tue-Fri 36 h
    // = 44 h at Fri 18:00, the 45th hour ends Mon 9 March 10:00.
    [Fact]
    public void A_normal_ticket_runs_on_its_first_response_then_on_its_resolution_pauses_while_pending_and_ends_when_solved()
    {
        var story = new TicketStory(Mon(10)).Customer(Mon(10));
        Assert.Equal(new TicketSlaState(SlaPhase.Running, SlaTarget.FirstResponse, Mon(18)), TicketSlaState.Of(story.History(), Lisbon, SlaPolicy.Default, Mon(10, 30)));
        story.Agent(Mon(10, 20)).Status(Mon(10, 20), TicketStatus.Open);
        Assert.Equal(new TicketSlaState(SlaPhase.Running, SlaTarget.Resolution, Day(9, 10)), TicketSlaState.Of(story.History(), Lisbon, SlaPolicy.Default, Mon(10, 30)));
        story.Status(Mon(10, 21), TicketStatus.Pending);
        Assert.Equal(SlaPhase.Paused, TicketSlaState.Of(story.History(), Lisbon, SlaPolicy.Default, Mon(10, 30)).Phase);
        story.Status(Mon(10, 25), TicketStatus.Solved);
        Assert.Equal(TicketSlaState.None, TicketSlaState.Of(story.History(), Lisbon, SlaPolicy.Default, Mon(10, 30)));
    }
}
