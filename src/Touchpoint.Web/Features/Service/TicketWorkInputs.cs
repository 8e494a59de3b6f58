using System.Text.Json;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Service;

namespace Touchpoint.Web.Features.Service;

/// <summary>
/// Body of PATCH /api/v1/tickets/{id} and the change part of a bulk action. Only the fields present change.
/// <c>assigneeId</c> and <c>teamId</c> take an id or null (nobody); <c>tags</c> replaces the whole list while
/// <c>addTags</c>/<c>removeTags</c> change it; <c>fields</c> maps custom field keys to values ("" or null clears).
/// </summary>
public record TicketChangeInput
{
    public string? Status { get; init; }
    public string? Priority { get; init; }
    public JsonElement AssigneeId { get; init; }
    public JsonElement TeamId { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public IReadOnlyList<string>? AddTags { get; init; }
    public IReadOnlyList<string>? RemoveTags { get; init; }
    public Dictionary<string, string?>? Fields { get; init; }

    /// <summary>The edit this input asks for, or the problems with its shape (unknown status, an id that is not a number).</summary>
    public (TicketEdit Edit, List<FieldError> Errors) ToEdit(Ticket ticket)
    {
        var errors = new List<FieldError>();
        TicketStatus? status = null;
        if (Status is not null)
        {
            if (TicketWorkflow.TryParse(Status, out var s)) status = s;
            else errors.Add(new("status", "must be one of new, open, pending, on_hold, solved, closed"));
        }
        TicketPriority? priority = null;
        if (Priority is not null)
        {
            if (TicketEdit.TryParsePriority(Priority, out var p)) priority = p;
            else errors.Add(new("priority", "must be one of low, normal, high, urgent"));
        }
        var (setAssignee, assignee) = ReadId(AssigneeId, "assigneeId", errors);
        var (setTeam, team) = ReadId(TeamId, "teamId", errors);
        var remove = (RemoveTags ?? []).ToList();
        if (Tags is not null) remove.AddRange(TicketTags.Read(ticket.TagsJson));
        var edit = new TicketEdit
        {
            Status = status, Priority = priority, SetAssignee = setAssignee, AssigneeId = assignee, SetTeam = setTeam, TeamId = team,
            AddTags = [.. AddTags ?? [], .. Tags ?? []], RemoveTags = remove,
            Fields = Fields ?? new Dictionary<string, string?>(),
        };
        return (edit, errors);
    }

    private static (bool Set, long? Id) ReadId(JsonElement e, string field, List<FieldError> errors)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Undefined: return (false, null);
            case JsonValueKind.Null: return (true, null);
            case JsonValueKind.Number when e.TryGetInt64(out var id): return (true, id);
            default:
                errors.Add(new(field, "must be an id (a number) or null"));
                return (false, null);
        }
    }
}

/// <summary>Body of POST /api/v1/tickets/bulk: the same change applied to each ticket, each through the same rules.</summary>
public sealed record BulkInput : TicketChangeInput
{
    public IReadOnlyList<long>? TicketIds { get; init; }
}

/// <summary>What happened to each ticket of a bulk action.</summary>
public sealed record BulkResult(IReadOnlyList<long> Changed, IReadOnlyList<BulkFailure> Failed);

public sealed record BulkFailure(long TicketId, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>Body of POST /api/v1/tickets/{id}/merge: the ticket that survives.</summary>
public sealed record MergeInput
{
    public long? TargetId { get; init; }
}

/// <summary>Body of POST /api/v1/tickets/{id}/split: the messages that move and the new ticket's subject.</summary>
public sealed record SplitInput
{
    public IReadOnlyList<long>? MessageIds { get; init; }
    public string? Subject { get; init; }
}

/// <summary>Body of POST /api/v1/tickets/{id}/macros/{macroId}: apply a macro, optionally as an internal note.</summary>
public sealed record ApplyMacroInput
{
    public bool? Internal { get; init; }
}
