using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Voice;

/// <summary>What an invitation request came to.</summary>
public sealed record InviteResult(SurveyInvitation? Invitation, string? Skipped)
{
    public static InviteResult Skip(string why) => new(null, why);
}

/// <summary>
/// Invites customers to surveys, keeping the fatigue rules for every path (after a ticket is solved, journey triggers,
/// the API): an unsubscribed customer is never invited; a customer invited in the last Voice:ContactLimitDays days
/// (to any survey) is not invited again; an invitation due in the customer's quiet hours waits until they end. Email
/// invitations go through <see cref="IOutboundMail"/>; other channels are recorded for the channel to show.
/// Every sent invitation is a touchpoint (survey.invited) on the customer's timeline.
/// </summary>
public sealed class SurveyDispatch(TouchpointDbFactory factory, VoiceOptions options, IOutboundMail mail, TimeProvider clock, ILogger<SurveyDispatch> log)
{
    /// <summary>
    /// The hook the ticket workflow calls when a ticket is solved: invites the ticket's customer to the CSAT survey
    /// (Voice:TicketSolvedSurveyId, else the first live CSAT survey) on the ticket's channel.
    /// </summary>
    public async Task<InviteResult> InviteAfterTicketSolvedAsync(long ticketId, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return InviteResult.Skip("no such ticket");
        var survey = options.TicketSolvedSurveyId is { } sid
            ? await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid && s.Status == SurveyStatus.Live, ct)
            : await db.Surveys.AsNoTracking().Where(s => s.Kind == SurveyKind.Csat && s.Status == SurveyStatus.Live).OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        if (survey is null) return InviteResult.Skip("no live CSAT survey");
        if (await db.SurveyInvitations.AnyAsync(i => i.TicketId == ticketId && i.SurveyId == survey.Id, ct)) return InviteResult.Skip("already invited for this ticket");
        var r = await InviteAsync(db, survey, ticket.CustomerId, SurveyChannels.Ticket, "support", ticketId, null, null, ct);
        await db.SaveChangesAsync(ct);
        return r;
    }

    /// <summary>Creates the invitation (or a suppressed record saying why not) in <paramref name="db"/>; the caller saves.</summary>
    public async Task<InviteResult> InviteAsync(TouchpointDb db, Survey survey, long customerId, string channel, string? touchpoint, long? ticketId,
        long? triggerId, long? sourceEventId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (channel == SurveyChannels.Ticket)
            channel = SurveyChannels.ForTicket(ticketId is { } tid ? await db.Tickets.Where(t => t.Id == tid).Select(t => t.Channel).FirstOrDefaultAsync(ct) : null);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return InviteResult.Skip("no such customer");
        if (customer.MergedIntoId is { } survivor) customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == survivor, ct);
        var inv = new SurveyInvitation
        {
            SurveyId = survey.Id, CustomerId = customer.Id, Token = SurveyAnswering.NewToken(), Channel = string.IsNullOrEmpty(channel) ? "email" : channel,
            TicketId = ticketId, Touchpoint = touchpoint, TriggerId = triggerId, SourceEventId = sourceEventId, CreatedAtUtc = now, DueAtUtc = now,
        };
        var why = await SuppressionAsync(db, customer, now, ct);
        if (why is null && inv.Channel == "email" && string.IsNullOrEmpty(customer.Email)) why = "no email address";
        if (why is not null)
        {
            inv.Status = InvitationStatus.Suppressed;
            inv.Reason = why;
            db.SurveyInvitations.Add(inv);
            return new(inv, why);
        }
        inv.DueAtUtc = options.NextAllowed(now, options.ZoneFor(customer.AttributesJson));
        inv.Status = InvitationStatus.Scheduled;
        db.SurveyInvitations.Add(inv);
        if (inv.DueAtUtc <= now) await SendAsync(db, inv, survey, customer, now, ct);
        return new(inv, null);
    }

    /// <summary>Why this customer must not be contacted now: unsubscribed, or invited or messaged within the contact limit.</summary>
    public async Task<string?> SuppressionAsync(TouchpointDb db, Customer customer, DateTime nowUtc, CancellationToken ct)
    {
        if (await db.VoiceUnsubscribes.AnyAsync(u => u.CustomerId == customer.Id, ct)) return "unsubscribed";
        var since = nowUtc.AddDays(-options.ContactLimitDays);
        var recent = await db.SurveyInvitations.AnyAsync(i => i.CustomerId == customer.Id
            && (i.Status == InvitationStatus.Sent || i.Status == InvitationStatus.Answered || i.Status == InvitationStatus.Scheduled)
            && i.DueAtUtc > since, ct);
        // Outreach messages count against the same limit: one contact in N days, whatever it was.
        recent |= await db.Set<OutreachMessage>().AnyAsync(m => m.CustomerId == customer.Id
            && (m.Status == InvitationStatus.Sent || m.Status == InvitationStatus.Scheduled) && m.DueAtUtc > since, ct);
        // Pending adds of this context (several invitations in one batch) count too.
        recent |= db.ChangeTracker.Entries<SurveyInvitation>().Any(e => e.Entity.CustomerId == customer.Id && e.Entity.Status != InvitationStatus.Suppressed && e.Entity.DueAtUtc > since);
        recent |= db.ChangeTracker.Entries<OutreachMessage>().Any(e => e.Entity.CustomerId == customer.Id && e.Entity.Status != InvitationStatus.Suppressed && e.Entity.DueAtUtc > since);
        return recent ? $"contact limit: already contacted in the last {options.ContactLimitDays} days" : null;
    }

    /// <summary>Sends invitations whose quiet-hours wait is over; the trigger runner calls this on every pass.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var db = factory.Create();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.SurveyInvitations.Where(i => i.Status == InvitationStatus.Scheduled && i.DueAtUtc <= now).OrderBy(i => i.Id).Take(500).ToListAsync(ct);
        var sent = 0;
        foreach (var inv in due)
        {
            var survey = await db.Surveys.AsNoTracking().FirstAsync(s => s.Id == inv.SurveyId, ct);
            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == inv.CustomerId, ct);
            if (survey.Status != SurveyStatus.Live || await db.VoiceUnsubscribes.AnyAsync(u => u.CustomerId == customer.Id, ct))
            {
                inv.Status = InvitationStatus.Suppressed;
                inv.Reason = survey.Status != SurveyStatus.Live ? "survey no longer live" : "unsubscribed";
                continue;
            }
            await SendAsync(db, inv, survey, customer, now, ct);
            sent++;
        }
        await db.SaveChangesAsync(ct);
        return sent;
    }

    private async Task SendAsync(TouchpointDb db, SurveyInvitation inv, Survey survey, Customer customer, DateTime now, CancellationToken ct)
    {
        inv.Status = InvitationStatus.Sent;
        inv.SentAtUtc = now;
        // Email counts as delivered when the relay takes it (OutboxSender); a channel that shows it in place, at once.
        if (inv.Channel != "email") inv.DeliveredAtUtc = now;
        var link = $"{options.PublicBaseUrl}/s/{inv.Token}";
        if (inv.Channel == "email" && customer.Email is { Length: > 0 } email)
        {
            var body = $"""
                Hello {customer.Name},

                {survey.Question}

                Answer in one click: {link}

                Do not want surveys from us? Unsubscribe on the same page.
                """;
            // The CSAT question about an email ticket is a reply in that ticket's thread.
            var thread = inv.TicketId is { } tid && await db.Tickets.AnyAsync(t => t.Id == tid && t.Channel == "email", ct) ? inv.TicketId : null;
            await mail.QueueAsync(db, new MailMessage(email, survey.Name, body, "survey-invitation", customer.Id, "survey_invitation", null, thread), now, ct);
        }
        // The invitation needs its id for the touchpoint: save it first (the caller's transaction, if any, holds both).
        await db.SaveChangesAsync(ct);
        foreach (var m in db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.Entity.RefKind == "survey_invitation" && e.Entity.RefId == null))
            m.Entity.RefId = inv.Id;
        TouchpointRecorder.SurveyInvited(db, inv, now, "voice");
        log.LogDebug("Survey {Survey} invitation {Invitation} sent by {Channel}", survey.Id, inv.Id, inv.Channel);
    }
}
