using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Data.Service.Channels;

/// <summary>
/// One post or direct message on a social platform. <see cref="FromBrand"/> marks the company's own account (an agent
/// reply); <see cref="Account"/> is the company account the conversation is with, and names the team it goes to.
/// </summary>
public sealed record SocialMessage(string Platform, string Id, string Handle, string Text, DateTime AtUtc, bool FromBrand,
    string? InReplyToId = null, string? Permalink = null, string? Account = null, string? AuthorName = null, bool SkipRules = false);

public enum SocialOutcome { Stored, Duplicate, Skipped }

public sealed record SocialResult(SocialOutcome Outcome, long? TicketId = null, long? MessageId = null, string? Reason = null);

/// <summary>
/// Social messages onto tickets through <see cref="TicketThread"/>: a reply (by the platform's reply link) joins the
/// ticket of the post it answers; a customer's post that answers nothing we have opens a ticket. A brand post that
/// answers nothing we have is skipped with the reason: there is no customer question to attach it to. The customer is
/// the handle on the platform (identity "platform:handle"); the team is the one named like the brand account.
/// </summary>
public static class SocialIntake
{
    public const string Channel = "social";

    public static string ExternalId(string platform, string id) => $"{platform.ToLowerInvariant()}:{id}";

    public static async Task<SocialResult> ReceiveAsync(TouchpointDb db, SocialMessage m, DateTime nowUtc, CancellationToken ct)
    {
        m = m with { Text = ChannelText.Clean(m.Text), Handle = ChannelText.Clean(m.Handle) };
        var externalId = ExternalId(m.Platform, m.Id);
        var existing = await db.TicketMessages.AsNoTracking().Where(x => x.Channel == Channel && x.ExternalId == externalId)
            .Select(x => new { x.Id, x.TicketId }).FirstOrDefaultAsync(ct);
        if (existing is not null) return new SocialResult(SocialOutcome.Duplicate, existing.TicketId, existing.Id);

        long? customerId = null;
        if (!m.FromBrand)
        {
            var handle = new CustomerRef(IdentityKind.External, ExternalId(m.Platform, m.Handle));
            customerId = (await CustomerResolver.ResolveAsync(db, [handle], nowUtc, ct))[handle];
        }
        Ticket? ticket = null;
        if (m.InReplyToId is { Length: > 0 } parent)
        {
            var parentId = ExternalId(m.Platform, parent);
            var ticketId = await db.TicketMessages.Where(x => x.Channel == Channel && x.ExternalId == parentId).Select(x => (long?)x.TicketId).FirstOrDefaultAsync(ct);
            if (ticketId is { } tid) ticket = await db.Tickets.FirstAsync(t => t.Id == tid, ct);
        }
        if (ticket is null && m.FromBrand)
            return new SocialResult(SocialOutcome.Skipped, Reason: m.InReplyToId is null
                ? "a brand post that answers no customer post"
                : $"a brand post answering post {m.InReplyToId}, which is not stored");

        var teamId = m.Account is { Length: > 0 } account
            ? await db.Teams.Where(t => t.Name == account).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct) : null;
        var incoming = new IncomingMessage(m.FromBrand ? AuthorKind.Agent : AuthorKind.Customer, m.Text, Channel, m.AtUtc, ExternalId: externalId, SkipRules: m.SkipRules);
        ThreadResult result;
        if (ticket is null)
        {
            var subject = Quarantine.Clip(m.Text.ReplaceLineEndings(" ").Trim(), 120);
            result = await TicketThread.OpenAsync(db, customerId!.Value, subject.Length == 0 ? $"{m.Platform} message" : subject, TicketPriority.Normal, teamId, incoming, Channel, ct);
        }
        else
        {
            // The first brand reply routes an unassigned conversation to that brand's team.
            if (m.FromBrand && ticket.TeamId is null && teamId is not null) ticket.TeamId = teamId;
            result = await TicketThread.AppendAsync(db, ticket, incoming, Channel, ct);
        }
        db.Set<SocialDetail>().Add(new SocialDetail
        {
            TicketMessageId = result.Message.Id, Platform = Quarantine.Clip(m.Platform.ToLowerInvariant(), 30), Handle = Quarantine.Clip(m.Handle, 200),
            Permalink = m.Permalink is null ? null : Quarantine.Clip(m.Permalink, 1000), InReplyTo = m.InReplyToId,
        });
        await db.SaveChangesAsync(ct);
        return new SocialResult(SocialOutcome.Stored, result.Ticket.Id, result.Message.Id);
    }
}
