using System.Text.Json;
using Touchpoint.Domain.Service.Metrics;

namespace Touchpoint.Domain.Service.Sla;

/// <summary>Turns a validated draft into a stored row and back; the JSON columns use the draft's own shapes.</summary>
public static class SlaPolicyDrafts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The name of the policy seeded into every store (and used when no policy matches, see <see cref="SlaPolicyBook"/>).</summary>
    public const string DefaultName = "Default";

    /// <summary>Today's <see cref="SlaPolicy.Default"/> as a draft: no conditions, the workspace calendar, no escalation.</summary>
    public static SlaPolicyDraft Default { get; } = new()
    {
        Name = DefaultName,
        Position = 1,
        Conditions = new SlaConditions(),
        Targets = SlaPolicy.Default.ByPriority.ToDictionary(p => TicketEdit.Wire(p.Key), p => new SlaTargetMinutes
        {
            FirstResponse = Minutes(p.Value.FirstResponse), NextResponse = Minutes(p.Value.NextResponse), Resolution = Minutes(p.Value.Resolution),
        }),
        Calendar = new SlaCalendarInput(),
    };

    private static int? Minutes(TimeSpan? t) => t is { } x ? (int)x.TotalMinutes : null;

    /// <summary>Writes a draft (already checked by <see cref="SlaPolicyRules"/>) into a row.</summary>
    public static void Apply(SlaPolicyDraft draft, SlaPolicyDefinition row, int position, DateTime nowUtc)
    {
        row.Name = draft.Name!.Trim();
        row.Position = position;
        var c = draft.Conditions ?? new SlaConditions();
        row.ConditionsJson = JsonSerializer.Serialize(new SlaConditions
        {
            Priorities = Clean(c.Priorities?.Select(p => p.Trim().ToLowerInvariant())),
            Segments = Clean(c.Segments?.Select(s => s.Trim())),
            Channels = Clean(c.Channels?.Select(s => s.Trim().ToLowerInvariant())),
            TeamIds = c.TeamIds is { Count: > 0 } t ? t.Distinct().Order().ToList() : null,
        }, Json);
        row.TargetsJson = JsonSerializer.Serialize((draft.Targets ?? new Dictionary<string, SlaTargetMinutes>())
            .ToDictionary(t => t.Key.Trim().ToLowerInvariant(), t => t.Value), Json);
        var cal = draft.Calendar;
        row.TimeZone = string.IsNullOrWhiteSpace(cal?.TimeZone) ? null : cal.TimeZone.Trim();
        row.BusinessHours = string.IsNullOrWhiteSpace(cal?.BusinessHours) ? null : cal.BusinessHours.Trim();
        row.Holidays = string.Join(",", (cal?.Holidays ?? []).Select(h => h.Trim()).Where(h => h.Length > 0).Distinct().Order(StringComparer.Ordinal));
        row.EscalationJson = JsonSerializer.Serialize(new SlaEscalationSettings(
            draft.Warning is { Percent: null, MinutesBefore: null } ? null : draft.Warning,
            draft.OnWarning is { IsEmpty: false } w ? w with { AddTag = Tag(w.AddTag) } : null,
            draft.OnBreach is { IsEmpty: false } b ? b with { AddTag = Tag(b.AddTag) } : null), Json);
        row.UpdatedAtUtc = nowUtc;
        if (row.CreatedAtUtc == default) row.CreatedAtUtc = nowUtc;
    }

    /// <summary>A stored row as a draft, the shape the API answers with.</summary>
    public static SlaPolicyDraft Read(SlaPolicyDefinition row)
    {
        var escalation = JsonSerializer.Deserialize<SlaEscalationSettings>(row.EscalationJson, Json) ?? new SlaEscalationSettings(null, null, null);
        return new SlaPolicyDraft
        {
            Name = row.Name,
            Position = row.Position,
            Conditions = JsonSerializer.Deserialize<SlaConditions>(row.ConditionsJson, Json) ?? new SlaConditions(),
            Targets = JsonSerializer.Deserialize<Dictionary<string, SlaTargetMinutes>>(row.TargetsJson, Json) ?? [],
            Calendar = new SlaCalendarInput
            {
                TimeZone = row.TimeZone, BusinessHours = row.BusinessHours,
                Holidays = row.Holidays.Split(',', StringSplitOptions.RemoveEmptyEntries),
            },
            Warning = escalation.Warning,
            OnWarning = escalation.OnWarning,
            OnBreach = escalation.OnBreach,
        };
    }

    private static List<string>? Clean(IEnumerable<string>? values) =>
        values?.Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } l ? l : null;

    private static string? Tag(string? raw) => string.IsNullOrWhiteSpace(raw) ? null : TicketTags.Normalise(raw, out _);
}
