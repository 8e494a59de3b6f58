namespace Touchpoint.Domain.Service;

/// <summary>
/// A canned reply with placeholders ({{customer.name}}, {{ticket.id}}, {{agent.name}}, ...) that can also set the
/// status, priority, team and tags of the ticket it is applied to. Shared by the whole team.
/// </summary>
public sealed class Macro
{
    public long Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The reply text; empty for a macro that only sets properties.</summary>
    public string Body { get; set; } = "";

    /// <summary>Post the reply as an internal note instead of a public reply.</summary>
    public bool Internal { get; set; }

    public TicketStatus? SetStatus { get; set; }
    public TicketPriority? SetPriority { get; set; }
    public long? SetTeamId { get; set; }

    /// <summary>Tags to add, as a JSON array (same rules as <see cref="TicketTags"/>).</summary>
    public string AddTagsJson { get; set; } = "[]";

    public long? CreatedByUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>The property changes this macro makes, as a ticket edit.</summary>
    public TicketEdit Edit() => new()
    {
        Status = SetStatus, Priority = SetPriority, SetTeam = SetTeamId is not null, TeamId = SetTeamId, AddTags = TicketTags.Read(AddTagsJson),
    };
}
