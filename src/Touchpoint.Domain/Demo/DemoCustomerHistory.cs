using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Domain.Demo;

/// <summary>Everything the demo generates for one customer, with ids already assigned.</summary>
public sealed class DemoCustomerHistory
{
    public required Customer Customer { get; init; }
    public List<CustomerIdentity> Identities { get; } = [];
    public List<TouchpointEvent> Events { get; } = [];
    public List<Ticket> Tickets { get; } = [];
    public List<TicketMessage> Messages { get; } = [];
    public List<TicketStatusChange> StatusChanges { get; } = [];
    public List<SurveyResponse> Responses { get; } = [];
    public List<WorkSession> WorkSessions { get; } = [];

    /// <summary>The friction this customer met, kept so tests can check its measured effect.</summary>
    public DemoFriction Friction { get; set; }
    public bool Churned { get; set; }
}

/// <summary>The kinds of friction built into the demo journeys.</summary>
[Flags]
public enum DemoFriction
{
    None = 0,
    LateDelivery = 1,
    RepeatedContact = 2,
    LongWait = 4,
}
