using System.Globalization;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Service.Metrics;

namespace Touchpoint.Domain.Service.Sla;

/// <summary>What a policy is checked against: the other policies and the names the store knows.</summary>
/// <param name="Others">The other policies (not the one being saved): id, name, position.</param>
/// <param name="Segments">Customer segments that exist (in the store, plus the demo's).</param>
/// <param name="Channels">Ticket channels.</param>
/// <param name="TeamIds">Teams that exist.</param>
public sealed record SlaPolicyContext(IReadOnlyList<(long Id, string Name, int Position)> Others, IReadOnlyCollection<string> Segments,
    IReadOnlyCollection<string> Channels, IReadOnlyCollection<long> TeamIds);

/// <summary>
/// The rules a policy must keep to be saved, each broken rule named by its field. Decisions (docs/service.md):
/// a first-response target may not exceed the resolution target of the same priority (both clocks start when the
/// ticket is created, so the resolution would always breach first and the first-response target would mean nothing);
/// a next-response target longer than the resolution target is allowed, because a next response is timed from each
/// customer message, which may come long after creation.
/// </summary>
public static class SlaPolicyRules
{
    public const int MaxNameLength = 100;

    /// <summary>A year of SLA-clock time: beyond that a target is a typo, not a promise.</summary>
    public const int MaxTargetMinutes = 366 * 24 * 60;

    public static IReadOnlyList<FieldError> Check(SlaPolicyDraft d, SlaPolicyContext ctx)
    {
        var errors = new List<FieldError>();
        var name = d.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(new("name", "is required"));
        else if (name.Length > MaxNameLength) errors.Add(new("name", $"is longer than {MaxNameLength} characters"));
        else if (ctx.Others.Any(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)))
            errors.Add(new("name", "another policy has this name"));

        if (d.Position is { } p)
        {
            if (p < 1) errors.Add(new("position", "must be 1 or more"));
            else if (ctx.Others.Where(o => o.Position == p).Select(o => o.Name).FirstOrDefault() is { } taken)
                errors.Add(new("position", $"policy '{taken}' already has position {p}; reorder the policies instead"));
        }

        CheckConditions(d.Conditions ?? new SlaConditions(), ctx, errors);
        CheckTargets(d.Targets, errors);
        CheckCalendar(d.Calendar, errors);
        CheckWarning(d.Warning, d.OnWarning, errors);
        CheckActions("onWarning", d.OnWarning, ctx, errors);
        CheckActions("onBreach", d.OnBreach, ctx, errors);
        return errors;
    }

    private static void CheckConditions(SlaConditions c, SlaPolicyContext ctx, List<FieldError> errors)
    {
        foreach (var p in c.Priorities ?? [])
            if (!TicketEdit.TryParsePriority(p?.Trim(), out _))
                errors.Add(new("conditions.priorities", $"'{p}' is not a priority (low, normal, high, urgent)"));
        foreach (var s in c.Segments ?? [])
            if (!ctx.Segments.Contains(s?.Trim() ?? "", StringComparer.OrdinalIgnoreCase))
                errors.Add(new("conditions.segments", $"no customer is in segment '{s}' (known: {string.Join(", ", ctx.Segments.Order())})"));
        foreach (var ch in c.Channels ?? [])
            if (!ctx.Channels.Contains(ch?.Trim().ToLowerInvariant() ?? ""))
                errors.Add(new("conditions.channels", $"'{ch}' is not a channel ({string.Join(", ", ctx.Channels)})"));
        foreach (var t in c.TeamIds ?? [])
            if (!ctx.TeamIds.Contains(t)) errors.Add(new("conditions.teamIds", $"no team has id {t}"));
    }

    private static void CheckTargets(IReadOnlyDictionary<string, SlaTargetMinutes>? targets, List<FieldError> errors)
    {
        foreach (var (key, t) in targets ?? new Dictionary<string, SlaTargetMinutes>())
        {
            var field = "targets." + key;
            if (!TicketEdit.TryParsePriority(key.Trim(), out _)) { errors.Add(new(field, $"'{key}' is not a priority (low, normal, high, urgent)")); continue; }
            if (t is null) { errors.Add(new(field, "must be an object with firstResponse, nextResponse and resolution in minutes")); continue; }
            Minutes(field + ".firstResponse", t.FirstResponse, errors);
            Minutes(field + ".nextResponse", t.NextResponse, errors);
            Minutes(field + ".resolution", t.Resolution, errors);
            if (t is { FirstResponse: > 0 and var f, Resolution: > 0 and var r } && f > r)
                errors.Add(new(field + ".firstResponse", $"is longer than the resolution target ({f} > {r} minutes): both start when the ticket is created"));
        }
    }

    private static void Minutes(string field, int? value, List<FieldError> errors)
    {
        if (value is not { } v) return;
        if (v <= 0) errors.Add(new(field, "must be more than 0 minutes (leave it out for no target)"));
        else if (v > MaxTargetMinutes) errors.Add(new(field, $"must be at most {MaxTargetMinutes} minutes (a year)"));
    }

    private static void CheckCalendar(SlaCalendarInput? cal, List<FieldError> errors)
    {
        if (cal is null) return;
        var hasZone = !string.IsNullOrWhiteSpace(cal.TimeZone);
        var hasHours = !string.IsNullOrWhiteSpace(cal.BusinessHours);
        if (hasZone != hasHours)
            errors.Add(new(hasZone ? "calendar.businessHours" : "calendar.timeZone", "is required with a policy's own calendar (give both, or neither for the workspace calendar)"));
        if (hasZone && !TryZone(cal.TimeZone!.Trim()))
            errors.Add(new("calendar.timeZone", $"'{cal.TimeZone}' is not an IANA time zone such as Europe/Lisbon"));
        if (hasHours)
        {
            try
            {
                var week = OpeningHours.Parse(cal.BusinessHours!);
                if (week.Count == 0) errors.Add(new("calendar.businessHours", "opens on no day"));
                else _ = new BusinessCalendar(TimeZoneInfo.Utc, week);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                errors.Add(new("calendar.businessHours", e.Message));
            }
        }
        if (!hasZone && cal.Holidays is { Count: > 0 })
            errors.Add(new("calendar.holidays", "need the policy's own time zone and hours; the workspace calendar has its own holidays"));
        foreach (var h in cal.Holidays ?? [])
            if (!DateOnly.TryParseExact(h?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                errors.Add(new("calendar.holidays", $"'{h}' is not a date (yyyy-MM-dd)"));
    }

    private static bool TryZone(string id)
    {
        try { _ = TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return false; }
    }

    private static void CheckWarning(SlaWarning? w, SlaActions? onWarning, List<FieldError> errors)
    {
        if (w is null)
        {
            if (onWarning is { IsEmpty: false }) errors.Add(new("warning", "is required for warning actions: give percent or minutesBefore"));
            return;
        }
        if (w.Percent is not null && w.MinutesBefore is not null)
            errors.Add(new("warning", "give either percent or minutesBefore, not both"));
        if (w.Percent is { } p && p is < 1 or > 99) errors.Add(new("warning.percent", "must be between 1 and 99 (share of the target used up)"));
        if (w.MinutesBefore is { } m && m is < 1 or > MaxTargetMinutes) errors.Add(new("warning.minutesBefore", "must be at least 1 minute"));
        if ((w.Percent ?? w.MinutesBefore) is not null && onWarning is null or { IsEmpty: true })
            errors.Add(new("onWarning", "a warning needs at least one action (notify, raise priority, team or tag)"));
        if ((w.Percent ?? w.MinutesBefore) is null && onWarning is { IsEmpty: false })
            errors.Add(new("warning", "is required for warning actions: give percent or minutesBefore"));
    }

    private static void CheckActions(string field, SlaActions? a, SlaPolicyContext ctx, List<FieldError> errors)
    {
        if (a is null) return;
        if (a.TeamId is { } t && !ctx.TeamIds.Contains(t)) errors.Add(new(field + ".teamId", $"no team has id {t}"));
        if (!string.IsNullOrWhiteSpace(a.AddTag) && TicketTags.Normalise(a.AddTag, out var why) is null) errors.Add(new(field + ".addTag", why!));
    }
}
