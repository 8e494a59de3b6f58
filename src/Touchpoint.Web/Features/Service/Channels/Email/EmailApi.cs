using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service.Channels;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Channels;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Service.Channels.Email;

public sealed record EmailReplyInput
{
    public string? Body { get; init; }
    public long? MailboxId { get; init; }

    /// <summary>Blind copies (a manager, a supplier): sent in the envelope only, kept on the ticket's email view.</summary>
    public IReadOnlyList<string>? Bcc { get; init; }
}

public sealed record EmailForwardInput
{
    public string? To { get; init; }
    public string? Note { get; init; }
    public long? MailboxId { get; init; }
}

public sealed record SentEmail(long MessageId, string EmailMessageId, string Subject, string To, string Cc, string Bcc, string? InReplyTo, IReadOnlyList<string> References);

public sealed record AttachmentDto(long Id, string FileName, string ContentType, long SizeBytes, string Url);

public sealed record EmailMessageDto(long MessageId, string Author, bool IsAutomatic, bool IsInternal, DateTime CreatedAt, string Body, string? BodyHtml,
    string? Direction, string? From, string? To, string? Cc, string? Bcc, string? Subject, string? EmailMessageId, string? AutomaticReason, IReadOnlyList<AttachmentDto> Attachments);

public sealed record ParticipantDto(long CustomerId, string Name, string? Email, string Role);

public sealed record EmailThreadDto(long TicketId, IReadOnlyList<ParticipantDto> Participants, IReadOnlyList<EmailMessageDto> Messages);

public sealed record QuarantineDto(long Id, string Channel, string Reason, string Sender, string Subject, long SizeBytes, long? TicketMessageId, DateTime ReceivedAt);

/// <summary>/api/v1/channels/email: reply and forward by email, the email view of a ticket, attachments, quarantine.</summary>
public static class EmailApi
{
    public static void MapEmailApi(this RouteGroupBuilder channels)
    {
        var g = channels.MapGroup("/email").WithTags("Channels: email");
        g.MapGet("/tickets/{id:long}", Thread).RequireAuthorization(Policies.Read);
        g.MapPost("/tickets/{id:long}/reply", Reply).RequireAuthorization(Policies.Agent);
        g.MapPost("/tickets/{id:long}/forward", Forward).RequireAuthorization(Policies.Agent);
        g.MapGet("/attachments/{id:long}", Attachment).RequireAuthorization(Policies.Read);
        channels.MapGet("/quarantine", QuarantineList).RequireAuthorization(Policies.Agent).WithTags("Channels");
    }

    public static async Task<Results<Ok<EmailThreadDto>, NotFound>> Thread(TouchpointDb db, long id, CancellationToken ct)
    {
        if (!await db.Tickets.AnyAsync(t => t.Id == id, ct)) return TypedResults.NotFound();
        var messages = await db.TicketMessages.AsNoTracking().Where(m => m.TicketId == id).OrderBy(m => m.CreatedAtUtc).ThenBy(m => m.Id).ToListAsync(ct);
        var ids = messages.Select(m => m.Id).ToList();
        var details = await db.Set<EmailDetail>().AsNoTracking().Where(d => ids.Contains(d.TicketMessageId)).ToDictionaryAsync(d => d.TicketMessageId, ct);
        var files = (await db.Set<MessageAttachment>().AsNoTracking().Where(a => ids.Contains(a.TicketMessageId)).ToListAsync(ct)).ToLookup(a => a.TicketMessageId);
        var participants = await db.Set<TicketParticipant>().AsNoTracking().Where(p => p.TicketId == id)
            .Join(db.Customers, p => p.CustomerId, c => c.Id, (p, c) => new ParticipantDto(c.Id, c.Name, c.Email, p.Role)).ToListAsync(ct);
        return TypedResults.Ok(new EmailThreadDto(id, participants, messages.Select(m =>
        {
            details.TryGetValue(m.Id, out var d);
            return new EmailMessageDto(m.Id, m.Author.ToString().ToLowerInvariant(), m.IsAutomatic, m.IsInternal, m.CreatedAtUtc, m.Body, m.BodyHtml,
                d?.Direction, d?.From, d?.To, d?.Cc, d?.Bcc, d?.Subject, d?.MessageId, d?.AutomaticReason,
                files[m.Id].Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.SizeBytes, $"/api/v1/channels/email/attachments/{a.Id}")).ToList());
        }).ToList()));
    }

    public static async Task<Results<Created<SentEmail>, NotFound, ValidationProblem>> Reply(TouchpointDb db, EmailOutbox outbox, ClaimsPrincipal user, long id,
        EmailReplyInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Body)) return Validation.Problem(("body", "is required"));
        if (input.Body.Length > 100_000) return Validation.Problem(("body", "is longer than 100,000 characters"));
        var bcc = input.Bcc ?? [];
        if (bcc.Count > 20) return Validation.Problem(("bcc", "has more than 20 addresses"));
        for (var i = 0; i < bcc.Count; i++)
            if (string.IsNullOrWhiteSpace(bcc[i]) || !MimeKit.MailboxAddress.TryParse(bcc[i], out var b) || !b.Address.Contains('@'))
                return Validation.Problem(($"bcc[{i}]", "must be an email address"));
        if (!await db.Tickets.AnyAsync(t => t.Id == id, ct)) return TypedResults.NotFound();
        try
        {
            var (m, mail) = await outbox.ReplyAsync(new OutgoingEmail(id, UserId(user), input.Body, input.MailboxId, bcc), ct);
            return TypedResults.Created($"/api/v1/tickets/{id}", Sent(m.Id, mail));
        }
        catch (EmailNotSentException e)
        {
            return Validation.Problem((e.Field, e.Message));
        }
    }

    public static async Task<Results<Created<SentEmail>, NotFound, ValidationProblem>> Forward(TouchpointDb db, EmailOutbox outbox, ClaimsPrincipal user, long id,
        EmailForwardInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.To) || !MimeKit.MailboxAddress.TryParse(input.To, out var to) || !to.Address.Contains('@'))
            return Validation.Problem(("to", "must be one email address"));
        if (input.Note is { Length: > 10_000 }) return Validation.Problem(("note", "is longer than 10,000 characters"));
        if (!await db.Tickets.AnyAsync(t => t.Id == id, ct)) return TypedResults.NotFound();
        try
        {
            var (m, mail) = await outbox.ForwardAsync(id, UserId(user), to.Address, input.Note, input.MailboxId, ct);
            return TypedResults.Created($"/api/v1/tickets/{id}", Sent(m.Id, mail));
        }
        catch (EmailNotSentException e)
        {
            return Validation.Problem((e.Field, e.Message));
        }
    }

    /// <summary>Always a download, never rendered inline: an attached .html cannot run in Touchpoint's origin.</summary>
    public static async Task<Results<FileStreamHttpResult, NotFound>> Attachment(TouchpointDb db, ChannelFiles files, long id, CancellationToken ct)
    {
        var a = await db.Set<MessageAttachment>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return TypedResults.NotFound();
        var path = files.FullPath(a.StoragePath);
        if (!File.Exists(path)) return TypedResults.NotFound();
        return TypedResults.File(File.OpenRead(path), "application/octet-stream", a.FileName);
    }

    public static async Task<Ok<List<QuarantineDto>>> QuarantineList(TouchpointDb db, string? channel, CancellationToken ct)
    {
        var q = db.Set<QuarantinedMessage>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(channel)) q = q.Where(x => x.Channel == channel);
        var rows = await q.OrderByDescending(x => x.Id).Take(200).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(x => new QuarantineDto(x.Id, x.Channel, x.Reason, x.Sender, x.Subject, x.SizeBytes, x.TicketMessageId, x.ReceivedAtUtc)).ToList());
    }

    private static long? UserId(ClaimsPrincipal user) => long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var uid) ? uid : null;

    private static SentEmail Sent(long messageId, MimeKit.MimeMessage mail) =>
        new(messageId, mail.MessageId ?? "", mail.Subject ?? "", mail.To.ToString(), mail.Cc.ToString(), mail.Bcc.ToString(), mail.InReplyTo, mail.References.ToList());
}
