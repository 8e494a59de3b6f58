namespace Touchpoint.Domain.Service.Sla;

/// <summary>
/// An SLA warning or breach that has fired: one row per ticket, clock and kind (a unique key), written in the same
/// transaction as its actions, so a restart neither repeats an action nor loses one. It is also the in-app
/// notification: <see cref="NotifiedUserIds"/> are the people it was meant for.
/// </summary>
public sealed class SlaAlertRecord
{
    public long Id { get; set; }
    public long TicketId { get; set; }

    /// <summary>See <see cref="SlaAlert.Clock"/>.</summary>
    public string Clock { get; set; } = "";

    /// <summary>warning or breach.</summary>
    public string Kind { get; set; } = "";

    /// <summary>first_response, next_response or resolution.</summary>
    public string Target { get; set; } = "";

    public string PolicyName { get; set; } = "";
    public DateTime DueAtUtc { get; set; }
    public DateTime FiredAtUtc { get; set; }

    /// <summary>Comma-separated user ids (the assignee, or the team's members); empty when nobody was to be told.</summary>
    public string NotifiedUserIds { get; set; } = "";

    /// <summary>What was done, in words: "notified Ana; priority high → urgent; tag sla-breached".</summary>
    public string Actions { get; set; } = "";
}
