using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Voice;

/// <summary>
/// Sends outreach messages (welcome, delivery delayed, we fixed it) by email, by hand or from a journey trigger, with
/// the fatigue rules of survey invitations: unsubscribed customers get nothing, the contact limit counts invitations
/// and messages together, quiet hours hold a send until morning. Every send is an <c>outreach.sent</c> touchpoint.
/// </summary>
public sealed class OutreachDispatch(SurveyDispatch surveys, VoiceOptions options, IOutboundMail mail, TimeProvider clock)
{
    public const string TouchpointType = "outreach.sent";
    public const string RefKind = "outreach_message";

    /// <summary>Creates the send (or a suppressed record saying why not) in <paramref name="db"/>; the caller saves.</summary>
    public async Task<OutreachMessage?> SendAsync(TouchpointDb db, OutreachTemplate template, long customerId, long? triggerId, long? sourceEventId,
        string? eventPropertiesJson, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return null;
        if (customer.MergedIntoId is { } survivor) customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == survivor, ct);
        var token = SurveyAnswering.NewToken();
        var values = new OutreachText.Values(customer.Name, customer.Email, $"{options.PublicBaseUrl}/u/{token}", eventPropertiesJson);
        var m = new OutreachMessage
        {
            TemplateId = template.Id, CustomerId = customer.Id, TriggerId = triggerId, SourceEventId = sourceEventId, Token = token, CreatedAtUtc = now, DueAtUtc = now,
            Subject = OutreachText.Render(template.Subject, values, oneLine: true), Body = OutreachText.Render(WithUnsubscribe(template.Body), values, oneLine: false),
        };
        var why = await surveys.SuppressionAsync(db, customer, now, ct);
        if (why is null && string.IsNullOrEmpty(customer.Email)) why = "no email address";
        db.Set<OutreachMessage>().Add(m);
        if (why is not null)
        {
            (m.Status, m.Reason) = (InvitationStatus.Suppressed, why);
            return m;
        }
        m.DueAtUtc = options.NextAllowed(now, options.ZoneFor(customer.AttributesJson));
        m.Status = InvitationStatus.Scheduled;
        if (m.DueAtUtc <= now) await DeliverAsync(db, m, customer, now, ct);
        return m;
    }

    /// <summary>Every message carries the unsubscribe link: a template without the placeholder gets it as a footer.</summary>
    public static string WithUnsubscribe(string body) => body.Contains("{{unsubscribe_link}}", StringComparison.Ordinal) ? body
        : body.TrimEnd() + "\n\n--\nNo more messages from us? {{unsubscribe_link}}";

    /// <summary>Sends messages whose quiet-hours wait is over (the trigger runner calls this on every pass).</summary>
    public async Task<int> SendDueAsync(TouchpointDbFactory factory, CancellationToken ct)
    {
        await using var db = factory.Create();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<OutreachMessage>().Where(m => m.Status == InvitationStatus.Scheduled && m.DueAtUtc <= now).OrderBy(m => m.Id).Take(500).ToListAsync(ct);
        foreach (var m in due)
        {
            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == m.CustomerId, ct);
            if (await db.VoiceUnsubscribes.AnyAsync(u => u.CustomerId == customer.Id, ct)) { (m.Status, m.Reason) = (InvitationStatus.Suppressed, "unsubscribed"); continue; }
            await DeliverAsync(db, m, customer, now, ct);
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    private async Task DeliverAsync(TouchpointDb db, OutreachMessage m, Customer customer, DateTime now, CancellationToken ct)
    {
        m.Status = InvitationStatus.Sent;
        m.SentAtUtc = now;
        // The message needs its id for the outbox reference and the touchpoint (the caller's transaction holds all).
        await db.SaveChangesAsync(ct);
        await mail.QueueAsync(db, new MailMessage(customer.Email!, m.Subject, m.Body, "outreach", customer.Id, RefKind, m.Id), now, ct);
        TouchpointRecorder.OutreachSent(db, m, now, "voice");
    }
}
