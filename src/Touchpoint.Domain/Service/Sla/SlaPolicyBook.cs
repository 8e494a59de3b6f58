using System.Globalization;
using Touchpoint.Domain.Service.Metrics;

namespace Touchpoint.Domain.Service.Sla;

/// <summary>What a policy's conditions look at: the ticket's current priority, channel and team, and its customer's segment.</summary>
public sealed record SlaSubject(TicketPriority Priority, string Segment, string Channel, long? TeamId)
{
    public static SlaSubject Of(Ticket t, string segment) => new(t.Priority, segment, t.Channel, t.TeamId);
}

/// <summary>The policy that applies to one ticket, ready to use: its targets, its calendar and its escalation.</summary>
public sealed record AppliedSla(long? PolicyId, string Name, SlaPolicy Targets, BusinessCalendar Calendar, SlaEscalationSettings Escalation)
{
    public TicketSlaState StateOf(TicketHistory history, DateTime nowUtc) => TicketSlaState.Of(history, Calendar, Targets, nowUtc);
}

/// <summary>
/// The ordered SLA policies of the workspace. <see cref="For"/> answers the first policy (by position, then id)
/// whose conditions all match the ticket as it is now; when none matches (all policies have conditions) the
/// built-in default applies, with the workspace calendar, so a ticket is never without targets. The answer depends
/// only on the ticket's current fields and the policies, so the same store gives the same answer every time.
/// </summary>
public sealed class SlaPolicyBook
{
    private sealed record Compiled(AppliedSla Applied, HashSet<TicketPriority>? Priorities, HashSet<string>? Segments,
        HashSet<string>? Channels, HashSet<long>? Teams)
    {
        public bool Matches(SlaSubject s) =>
            (Priorities is null || Priorities.Contains(s.Priority)) && (Segments is null || Segments.Contains(s.Segment))
            && (Channels is null || Channels.Contains(s.Channel)) && (Teams is null || s.TeamId is { } t && Teams.Contains(t));
    }

    private readonly List<Compiled> _ordered;

    public BusinessCalendar WorkspaceCalendar { get; }
    public AppliedSla Fallback { get; }
    public IReadOnlyList<AppliedSla> Policies => _ordered.Select(c => c.Applied).ToList();

    public SlaPolicyBook(IEnumerable<SlaPolicyDefinition> policies, BusinessCalendar workspaceCalendar)
    {
        WorkspaceCalendar = workspaceCalendar;
        Fallback = new AppliedSla(null, SlaPolicyDrafts.DefaultName, SlaPolicy.Default, workspaceCalendar, new SlaEscalationSettings(null, null, null));
        _ordered = policies.OrderBy(p => p.Position).ThenBy(p => p.Id).Select(Compile).ToList();
    }

    /// <summary>Only the built-in default: what the workspace had before policies were editable.</summary>
    public static SlaPolicyBook DefaultOnly(BusinessCalendar workspaceCalendar) => new([], workspaceCalendar);

    public AppliedSla For(SlaSubject subject) => _ordered.FirstOrDefault(c => c.Matches(subject))?.Applied ?? Fallback;

    public AppliedSla For(Ticket ticket, string segment) => For(SlaSubject.Of(ticket, segment));

    private Compiled Compile(SlaPolicyDefinition row)
    {
        var d = SlaPolicyDrafts.Read(row);
        var targets = new SlaPolicy((d.Targets ?? new Dictionary<string, SlaTargetMinutes>())
            .Where(t => TicketEdit.TryParsePriority(t.Key, out _))
            .ToDictionary(t => { TicketEdit.TryParsePriority(t.Key, out var p); return p; },
                t => new SlaTargets(Span(t.Value.FirstResponse), Span(t.Value.NextResponse), Span(t.Value.Resolution))));
        var calendar = row.TimeZone is { } zone && row.BusinessHours is { } hours
            ? BusinessCalendar.InZone(zone, OpeningHours.Parse(hours), row.Holidays.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(h => DateOnly.ParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture)))
            : WorkspaceCalendar;
        var c = d.Conditions ?? new SlaConditions();
        return new Compiled(new AppliedSla(row.Id, row.Name, targets, calendar, new SlaEscalationSettings(d.Warning, d.OnWarning, d.OnBreach)),
            c.Priorities is { Count: > 0 } ps ? ps.Select(p => { TicketEdit.TryParsePriority(p, out var x); return x; }).ToHashSet() : null,
            c.Segments is { Count: > 0 } ss ? ss.ToHashSet(StringComparer.OrdinalIgnoreCase) : null,
            c.Channels is { Count: > 0 } cs ? cs.ToHashSet(StringComparer.Ordinal) : null,
            c.TeamIds is { Count: > 0 } ts ? ts.ToHashSet() : null);
    }

    private static TimeSpan? Span(int? minutes) => minutes is { } m ? TimeSpan.FromMinutes(m) : null;
}
