using System.Text.Json;

namespace Touchpoint.Domain.Service;

/// <summary>
/// What a view of the inbox shows. Every part is optional and they combine with AND. <see cref="Assignee"/> is
/// "me" (the person looking), "none" (unassigned) or a user id; <see cref="Open"/> keeps only tickets still owed
/// work (not solved or closed); <see cref="BreachingSoon"/> keeps tickets whose SLA is breached or due within
/// <see cref="Metrics.TicketSlaState.SoonWindow"/>, soonest first.
/// </summary>
public sealed record TicketViewFilter
{
    public IReadOnlyList<string>? Statuses { get; init; }
    public bool Open { get; init; }
    public string? Assignee { get; init; }
    public long? TeamId { get; init; }
    public string? Tag { get; init; }
    public string? Priority { get; init; }
    public string? Channel { get; init; }
    public string? Query { get; init; }
    public bool BreachingSoon { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static TicketViewFilter FromJson(string json) => JsonSerializer.Deserialize<TicketViewFilter>(json, JsonSerializerOptions.Web) ?? new();
}

/// <summary>A view a person saved (their own, or shared with everyone when <see cref="OwnerUserId"/> is null).</summary>
public sealed class SavedTicketView
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public long? OwnerUserId { get; set; }
    public string FilterJson { get; set; } = "{}";
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>The views every inbox has, before any saved ones.</summary>
public static class BuiltInViews
{
    public static readonly IReadOnlyList<(string Key, string Name, TicketViewFilter Filter)> All =
    [
        ("mine", "Mine", new TicketViewFilter { Assignee = "me", Open = true }),
        ("unassigned", "Unassigned", new TicketViewFilter { Assignee = "none", Open = true }),
        ("breaching", "Breaching soon", new TicketViewFilter { Open = true, BreachingSoon = true }),
        ("open", "All open", new TicketViewFilter { Open = true }),
        ("all", "All tickets", new TicketViewFilter()),
    ];
}
