namespace Touchpoint.Domain.Service;

/// <summary>
/// One change to a ticket: who (a user id, or none for an automation or API key), what (the property), old → new,
/// when. Written by TicketThread next to the change itself, so the trail cannot miss one.
/// </summary>
public sealed class TicketAuditEntry
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    public DateTime AtUtc { get; set; }
    public long? ByUserId { get; set; }

    /// <summary>status, priority, assignee, team, tags, field:&lt;key&gt;, merged_into, merged_from, split_to, split_from, macro, rule.</summary>
    public string Property { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }

    /// <summary>Where the change came from: service (a person in the API or UI), bulk, macro, rule:&lt;id&gt; (a routing rule).</summary>
    public string Source { get; set; } = "";
}
