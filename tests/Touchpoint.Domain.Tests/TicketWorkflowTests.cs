using Touchpoint.Domain.Service;

namespace Touchpoint.Domain.Tests;

public class TicketWorkflowTests
{
    [Theory]
    [InlineData(TicketStatus.New, TicketStatus.New)]
    [InlineData(TicketStatus.Open, TicketStatus.Open)]
    [InlineData(TicketStatus.Pending, TicketStatus.Open)]
    [InlineData(TicketStatus.OnHold, TicketStatus.Open)]
    [InlineData(TicketStatus.Solved, TicketStatus.Open)]
    public void A_customer_reply_brings_a_waiting_or_solved_ticket_back_to_open(TicketStatus before, TicketStatus after) =>
        Assert.Equal(after, TicketWorkflow.AfterCustomerMessage(before));

    [Fact]
    public void A_customer_reply_to_a_closed_ticket_starts_a_follow_up_instead() =>
        Assert.Null(TicketWorkflow.AfterCustomerMessage(TicketStatus.Closed));

    [Fact]
    public void Closed_is_final_and_only_solved_tickets_close()
    {
        Assert.Empty(TicketWorkflow.MovesFrom(TicketStatus.Closed));
        foreach (var s in Enum.GetValues<TicketStatus>())
            Assert.Equal(s == TicketStatus.Solved, TicketWorkflow.CanMove(s, TicketStatus.Closed));
    }

    [Theory]
    [InlineData("on_hold", TicketStatus.OnHold)]
    [InlineData("OnHold", TicketStatus.OnHold)]
    [InlineData("solved", TicketStatus.Solved)]
    public void Statuses_parse_from_their_wire_names(string text, TicketStatus expected)
    {
        Assert.True(TicketWorkflow.TryParse(text, out var s));
        Assert.Equal(expected, s);
        Assert.False(TicketWorkflow.TryParse("7", out _));
        Assert.False(TicketWorkflow.TryParse("archived", out _));
    }
}
