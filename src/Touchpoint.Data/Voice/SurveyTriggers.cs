using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Voice;

/// <summary>
/// Runs journey triggers: "N hours after touchpoint X" or "N hours after the customer reached stage Y of journey J"
/// (the stage's touchpoint types come from the journey's latest definition; only the customer's first touchpoint in
/// the stage counts), invite the audience (segment S, event property equals/contains V, P% sample). Each trigger reads events of
/// its type in id order from its stored cursor; it stops at the first event whose delay has not yet passed (and picks
/// up there next time), so a restart neither misses nor repeats events; the unique (trigger, event) index on
/// invitations makes a crash between invite and cursor save harmless. Sampling is a hash of trigger and customer, so a
/// customer is either always or never in a trigger's sample. Events whose due time is more than
/// Voice:TriggerMaxLateness in the past (old imports) are passed over. A new trigger starts after the newest event.
/// </summary>
public sealed class SurveyTriggers(TouchpointDbFactory factory, SurveyDispatch dispatch, OutreachDispatch outreach, VoiceOptions options, TimeProvider clock)
{
    public const int Batch = 200;

    public static bool InSample(long triggerId, long customerId, int percent)
    {
        if (percent >= 100) return true;
        if (percent <= 0) return false;
        var h = unchecked((ulong)triggerId * 0x9E3779B97F4A7C15UL) ^ (ulong)customerId;
        unchecked { h ^= h >> 33; h *= 0xff51afd7ed558ccdUL; h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53UL; h ^= h >> 33; }
        return (int)(h % 100) < percent;
    }

    public static async Task<SurveyTrigger> CreateAsync(TouchpointDb db, SurveyTrigger t, CancellationToken ct)
    {
        t.LastEventId = await db.Events.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        db.SurveyTriggers.Add(t);
        await db.SaveChangesAsync(ct);
        return t;
    }

    /// <summary>One pass: sends invitations and messages whose quiet hours ended, then runs every enabled trigger. Returns sends made.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await dispatch.SendDueAsync(ct);
        await outreach.SendDueAsync(factory, ct);
        await using var db = factory.Create();
        var triggers = await db.SurveyTriggers.Where(t => t.Enabled).OrderBy(t => t.Id).ToListAsync(ct);
        var made = 0;
        foreach (var t in triggers) made += await RunAsync(t.Id, ct);
        return made;
    }

    private async Task<int> RunAsync(long triggerId, CancellationToken ct)
    {
        var made = 0;
        while (!ct.IsCancellationRequested)
        {
            await using var db = factory.Create();
            var t = await db.SurveyTriggers.FirstAsync(x => x.Id == triggerId, ct);
            // A trigger sends an outreach template or invites to a live survey; neither there, it waits.
            var template = t.TemplateId is { } tid ? await db.Set<OutreachTemplate>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == tid, ct) : null;
            var survey = template is null ? await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == t.SurveyId, ct) : null;
            if (template is null && (survey is null || survey.Status != SurveyStatus.Live)) return made;
            var types = await EventTypesAsync(db, t, ct);
            // A stage the journey no longer has waits (cursor kept) until it is mapped again or the trigger is edited.
            if (types.Count == 0) return made;
            var now = clock.GetUtcNow().UtcDateTime;
            var events = await db.Events.AsNoTracking().Where(e => types.Contains(e.Type) && e.Id > t.LastEventId).OrderBy(e => e.Id).Take(Batch)
                .Select(e => new { e.Id, e.CustomerId, e.Type, e.OccurredAtUtc, e.RefKind, e.RefId, e.PropertiesJson }).ToListAsync(ct);
            var stop = events.Count < Batch;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var e in events)
            {
                var due = e.OccurredAtUtc.AddHours(t.DelayHours);
                if (due > now) { stop = true; break; }
                t.LastEventId = e.Id;
                if (due < now - options.TriggerMaxLateness) continue;
                if (!InSample(t.Id, e.CustomerId, t.SamplingPercent)) continue;
                if (t.Segment is { Length: > 0 } seg)
                {
                    var segment = await db.Customers.Where(c => c.Id == e.CustomerId).Select(c => c.Segment).FirstOrDefaultAsync(ct);
                    if (!string.Equals(segment, seg, StringComparison.OrdinalIgnoreCase)) continue;
                }
                if (t.PropertyName is { Length: > 0 } prop && !TriggerAudience.PropertyMatches(e.PropertiesJson, prop, t.PropertyOperator ?? TriggerAudience.EqualsOperator, t.PropertyValue ?? ""))
                    continue;
                // "Stage reached" fires on the customer's first touchpoint in the stage, not on every later one.
                if (t.Stage is { Length: > 0 } && await db.Events.AnyAsync(x => x.CustomerId == e.CustomerId && types.Contains(x.Type)
                        && (x.OccurredAtUtc < e.OccurredAtUtc || (x.OccurredAtUtc == e.OccurredAtUtc && x.Id < e.Id)), ct))
                    continue;
                if (template is not null)
                {
                    if (await db.Set<OutreachMessage>().AnyAsync(m => m.TriggerId == t.Id && m.SourceEventId == e.Id, ct)) continue;
                    var sent = await outreach.SendAsync(db, template, e.CustomerId, t.Id, e.Id, e.PropertiesJson, ct);
                    if (sent?.Status is InvitationStatus.Sent or InvitationStatus.Scheduled) made++;
                    continue;
                }
                if (await db.SurveyInvitations.AnyAsync(i => i.TriggerId == t.Id && i.SourceEventId == e.Id, ct)) continue;
                // A trigger on a ticket touchpoint (e.g. ticket.solved: CSAT after solve) ties the answer to that ticket.
                long? ticketId = e.RefKind == Domain.Journeys.TouchpointTypes.RefTicket ? e.RefId : null;
                var r = await dispatch.InviteAsync(db, survey!, e.CustomerId, t.Channel, e.Type, ticketId, t.Id, e.Id, ct);
                if (r.Skipped is null) made++;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            if (stop) break;
        }
        return made;
    }

    /// <summary>The touchpoint types a trigger listens to: its event type, or every type the journey maps to its stage.</summary>
    private static async Task<List<string>> EventTypesAsync(TouchpointDb db, SurveyTrigger t, CancellationToken ct)
    {
        if (t.Stage is not { Length: > 0 } stage || t.JourneyId is not { } journeyId) return [t.EventType];
        var journey = await Journeys.JourneyCatalog.GetAsync(db, journeyId, null, ct);
        return journey?.Definition.Stages.FirstOrDefault(s => s.Key == stage)?.Touchpoints.Select(x => x.EventType).Distinct().ToList() ?? [];
    }
}
