using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Customers;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Channels.Chat;

namespace Touchpoint.Data.Service.Channels.Chat;

/// <summary>A line of the conversation as the visitor sees it.</summary>
public sealed record ChatLineView(long Id, string Author, string Text, DateTime At);

/// <summary>
/// Chat visitors onto tickets through <see cref="TicketThread"/>, so every visitor line and agent reply is a touchpoint on
/// the customer's timeline. The customer is made on the first line (an anonymous profile named by the visitor key) and
/// folded into the known customer when the visitor identifies (<see cref="CustomerMerge"/>). Lines are idempotent on the
/// widget's own id per visitor: a resend after a dropped connection is stored once.
/// </summary>
public static class ChatIntake
{
    public const string Channel = "chat";

    public static async Task<ChatConversation> StartAsync(TouchpointDb db, string site, DateTime nowUtc, CancellationToken ct)
    {
        var c = new ChatConversation { VisitorKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Site = site, CreatedAtUtc = nowUtc };
        db.Set<ChatConversation>().Add(c);
        await db.SaveChangesAsync(ct);
        return c;
    }

    public static Task<ChatConversation?> FindAsync(TouchpointDb db, string visitorKey, CancellationToken ct) =>
        db.Set<ChatConversation>().FirstOrDefaultAsync(c => c.VisitorKey == visitorKey, ct);

    /// <summary>
    /// Stores a visitor's line (already checked by <see cref="ChatText"/>). Written outside business hours, it marks the
    /// conversation for an email follow-up. The caller owns the transaction.
    /// </summary>
    public static async Task<ThreadResult> VisitorLineAsync(TouchpointDb db, ChatConversation c, string text, string clientId, bool afterHours,
        long? teamId, DateTime nowUtc, CancellationToken ct)
    {
        if (c.CustomerId is null)
        {
            var handle = new CustomerRef(IdentityKind.Anonymous, c.AnonymousHandle);
            var customerId = (await CustomerResolver.ResolveAsync(db, [handle], nowUtc, ct))[handle];
            // The resolver clears the change tracker when it creates a customer; track the conversation again first.
            db.Attach(c);
            c.CustomerId = customerId;
        }
        var line = new IncomingMessage(AuthorKind.Customer, text, Channel, nowUtc, ExternalId: $"{c.VisitorKey}:{clientId}");
        var ticket = await CurrentTicketAsync(db, c, ct);
        var result = ticket is null
            ? await TicketThread.OpenAsync(db, c.CustomerId.Value, ChatText.Subject(text), TicketPriority.Normal, teamId, line, Channel, ct)
            : await TicketThread.AppendAsync(db, ticket, line, Channel, ct);
        if (!result.Duplicate)
        {
            c.TicketId = result.Ticket.Id;
            c.LastMessageAtUtc = nowUtc;
            if (afterHours) c.FollowUpByEmail = true;
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    /// <summary>
    /// The visitor says who they are. The handle names (or creates) the known customer; an anonymous profile made by
    /// earlier lines is merged into it, so those lines and their touchpoints join the known customer's timeline.
    /// Returns why not when the conversation already belongs to someone else.
    /// </summary>
    public static async Task<string?> IdentifyAsync(TouchpointDb db, ChatConversation c, CustomerRef handle, string? name, VisitorIdentity how,
        DateTime nowUtc, CancellationToken ct)
    {
        // A signed-in user who also types an email (after hours, to be answered by mail) keeps the signed customer:
        // the email is added to it when nobody else owns it.
        if (c.Identity == VisitorIdentity.Signed && how == VisitorIdentity.Email && c.CustomerId is { } signedId)
            return await AddEmailAsync(db, signedId, handle, nowUtc, ct);
        var knownId = (await CustomerResolver.ResolveAsync(db, [handle], nowUtc, ct))[handle];
        db.Attach(c);
        if (c.CustomerId is { } current && current != knownId)
        {
            if (c.Identity != VisitorIdentity.Anonymous) return "this chat already belongs to another person; start a new chat";
            await CustomerMerge.MergeAsync(db, current, knownId, ct);
            db.Attach(c);
        }
        c.CustomerId = knownId;
        // A typed email never downgrades a signed identity: the host site vouched for that one.
        if (how > c.Identity) c.Identity = how;
        var customer = await db.Customers.FirstAsync(x => x.Id == knownId, ct);
        if (name is { Length: > 0 } n && (customer.Name == handle.Value || customer.Name.Length == 0))
            customer.Name = n;
        if (handle.Kind == IdentityKind.Email && customer.Email is null) customer.Email = handle.Value;
        await db.SaveChangesAsync(ct);
        return null;
    }

    private static async Task<string?> AddEmailAsync(TouchpointDb db, long customerId, CustomerRef email, DateTime nowUtc, CancellationToken ct)
    {
        var owner = await db.CustomerIdentities.Where(i => i.Kind == email.Kind && i.Value == email.Value).Select(i => (long?)i.CustomerId).FirstOrDefaultAsync(ct);
        if (owner is not null && owner != customerId) return "this email belongs to another customer; sign in as that person or use your own email";
        var customer = await db.Customers.FirstAsync(x => x.Id == customerId, ct);
        if (owner is null)
            db.CustomerIdentities.Add(new CustomerIdentity { CustomerId = customerId, Kind = email.Kind, Value = email.Value, CreatedAtUtc = nowUtc });
        customer.Email ??= email.Value;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// The lines the visitor may see: public lines of this conversation's ticket while it belongs to the visitor's
    /// customer. A ticket an agent merged into someone else's, or moved to another customer, is no longer shown.
    /// </summary>
    public static async Task<List<ChatLineView>> LinesAsync(TouchpointDb db, ChatConversation c, long afterId, CancellationToken ct)
    {
        if (c.TicketId is not { } ticketId || c.CustomerId is not { } customerId) return [];
        if (!await db.Tickets.AnyAsync(t => t.Id == ticketId && t.CustomerId == customerId, ct)) return [];
        return await db.TicketMessages.AsNoTracking()
            // A person's public lines, and a routing rule's automatic reply (the only public automatic message by the system).
            .Where(m => m.TicketId == ticketId && m.Id > afterId && !m.IsInternal && (m.Author == AuthorKind.System ? m.IsAutomatic : !m.IsAutomatic))
            .OrderBy(m => m.Id).Take(500)
            .Select(m => new ChatLineView(m.Id, m.Author == AuthorKind.Customer ? "visitor" : "agent", m.Body, m.CreatedAtUtc))
            .ToListAsync(ct);
    }

    /// <summary>The ticket new lines go on: the current one, or the one it was merged into while that is still the visitor's.</summary>
    private static async Task<Ticket?> CurrentTicketAsync(TouchpointDb db, ChatConversation c, CancellationToken ct)
    {
        var id = c.TicketId;
        for (var hops = 0; id is { } tid && hops < 10; hops++)
        {
            var t = await db.Tickets.FirstOrDefaultAsync(x => x.Id == tid, ct);
            if (t is null || t.CustomerId != c.CustomerId) return null;
            if (t.MergedIntoId is null) return t;
            id = t.MergedIntoId;
        }
        return null;
    }
}
