namespace Touchpoint.Domain.Service;

/// <summary>
/// A change to a ticket's properties asked for by a person, a bulk action, a macro or a rule. Null means "leave as
/// it is"; the Set* flags say whether a nullable reference (assignee, team) is to be set, because null also means
/// "nobody". Field values: key → value, where an empty value clears the field.
/// </summary>
public sealed record TicketEdit
{
    public TicketStatus? Status { get; init; }
    public TicketPriority? Priority { get; init; }
    public bool SetAssignee { get; init; }
    public long? AssigneeId { get; init; }
    public bool SetTeam { get; init; }
    public long? TeamId { get; init; }
    public IReadOnlyList<string> AddTags { get; init; } = [];
    public IReadOnlyList<string> RemoveTags { get; init; } = [];
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();

    public bool IsEmpty => Status is null && Priority is null && !SetAssignee && !SetTeam && AddTags.Count == 0 && RemoveTags.Count == 0 && Fields.Count == 0;

    public static string Wire(TicketPriority p) => p.ToString().ToLowerInvariant();

    public static bool TryParsePriority(string? text, out TicketPriority priority) =>
        Enum.TryParse(text, ignoreCase: true, out priority) && Enum.IsDefined(priority) && !char.IsDigit(text![0]);
}
