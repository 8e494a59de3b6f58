namespace Touchpoint.Domain.Demo;

/// <summary>Knobs of the demo company. The same options and seed always give the same company.</summary>
public sealed record DemoOptions
{
    public int Seed { get; init; } = 42;
    public int Customers { get; init; } = 3000;

    /// <summary>The demo's "today": journeys end here. Fixed so that figures in docs and tests stay put.</summary>
    public DateTime EndUtc { get; init; } = new(2026, 10, 31, 0, 0, 0, DateTimeKind.Utc);
    public int Months { get; init; } = 18;

    /// <summary>First ids to use, so a demo can be generated into a store that already has rows.</summary>
    public long FirstCustomerId { get; init; } = 1;
    public long FirstEventId { get; init; } = 1;
    public long FirstTicketId { get; init; } = 1;
    public long FirstMessageId { get; init; } = 1;
    public long FirstStatusChangeId { get; init; } = 1;
    public long FirstResponseId { get; init; } = 1;

    /// <summary>Survey ids in the store that the demo's answers belong to.</summary>
    public long NpsSurveyId { get; init; } = 1;
    public long CsatSurveyId { get; init; } = 2;
    public long CesSurveyId { get; init; } = 3;

    /// <summary>User ids of the agents who answer tickets (round-robin by team is not modelled here).</summary>
    public IReadOnlyList<long> AgentUserIds { get; init; } = [];

    /// <summary>Team ids by name (support, delivery, billing); tickets are routed by topic.</summary>
    public IReadOnlyDictionary<string, long> TeamIds { get; init; } = new Dictionary<string, long>();
}
