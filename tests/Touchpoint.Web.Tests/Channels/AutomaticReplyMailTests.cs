using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Channels;
using Touchpoint.Domain.Service.Metrics;
using Touchpoint.Web.Tests.Channels.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Channels;

/// <summary>A routing rule's automatic reply to an email ticket goes out over real SMTP, threaded and marked automatic.</summary>
public abstract class AutomaticReplyMailTests<TApp>(TApp app) where TApp : EmailApp
{
    private readonly MailTestKit _kit = new(app);

    private async Task<long> AcknowledgeRuleAsync(long mailboxId, string body)
    {
        var admin = await _kit.AdminAsync();
        var macro = await (await admin.PostAsync("/api/v1/macros", Json(new { name = "Ack " + Guid.NewGuid().ToString("N")[..8], body }), Ct)).ReadJsonAsync();
        var rule = await admin.PostAsync("/api/v1/routing-rules", Json(new
        {
            name = "Acknowledge mailbox " + mailboxId, trigger = "created",
            conditions = new[] { new { field = "mailbox", op = "is", values = new[] { mailboxId.ToString(System.Globalization.CultureInfo.InvariantCulture) } } },
            actions = new[] { new { type = "reply_with_macro", value = macro.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) } },
        }), Ct);
        Assert.True(rule.IsSuccessStatusCode, await rule.Content.ReadAsStringAsync(Ct));
        return (await rule.ReadJsonAsync()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task A_rule_reply_is_mailed_to_the_customer_threaded_and_auto_submitted_and_is_no_first_response()
    {
        var (mailboxId, support) = await _kit.MailboxAsync(signature: "Northwind Home support");
        await AcknowledgeRuleAsync(mailboxId, "We got {{ticket.id}} and will answer within a day.");
        var customer = MailTestKit.Unique("mia");
        var first = MailTestKit.Mail(customer, support, "Broken lamp", "The lamp flickers.");
        first.Cc.Add(MimeKit.MailboxAddress.Parse(MailTestKit.Unique("cc")));
        await _kit.SendAsync(first);
        var ticketId = await _kit.TicketOfAsync(first.MessageId);

        var mailed = await app.Relay.WaitForAsync(m => m.Subject == $"Re: Broken lamp [#{ticketId}]");
        Assert.Equal("auto-replied", mailed.Headers["Auto-Submitted"]);
        Assert.Equal(first.MessageId, mailed.InReplyTo);
        Assert.Equal([first.MessageId!], mailed.References.ToArray());
        Assert.Equal(customer, mailed.To.Mailboxes.Single().Address);
        Assert.Empty(mailed.Cc); // an acknowledgement is for the customer, not for everyone on CC
        Assert.Equal(support, mailed.From.Mailboxes.Single().Address);
        Assert.StartsWith($"We got #{ticketId} and will answer within a day.", mailed.TextBody);
        Assert.Contains("Northwind Home support", mailed.TextBody);

        var (reply, detail, status) = await _kit.QueryAsync(async db =>
        {
            var r = await db.TicketMessages.AsNoTracking().Where(m => m.TicketId == ticketId && m.IsAutomatic).SingleAsync(Ct);
            var d = await db.Set<EmailDetail>().AsNoTracking().SingleAsync(x => x.TicketMessageId == r.Id, Ct);
            var s = await db.Tickets.Where(t => t.Id == ticketId).Select(t => t.Status).SingleAsync(Ct);
            return (r, d, s);
        });
        Assert.Equal((AuthorKind.System, false), (reply.Author, reply.IsInternal));
        Assert.False(TicketHistory.IsResponse(reply));
        Assert.Equal(TicketStatus.New, status);
        Assert.Equal((EmailDirections.Outbound, mailed.MessageId), (detail.Direction, detail.MessageId));

        // Mailed once: further passes find its envelope and leave it alone.
        await Task.Delay(2500, Ct);
        Assert.Single(app.Relay.Received, r => r.Message.Subject == mailed.Subject);

        // The customer's answer to the automatic reply threads back to the same ticket.
        var answer = MailTestKit.Mail(customer, support, mailed.Subject!, "Thanks, waiting.");
        answer.InReplyTo = mailed.MessageId;
        await _kit.SendAsync(answer);
        Assert.Equal(ticketId, await _kit.TicketOfAsync(answer.MessageId));
    }

    [Fact]
    public async Task An_automatic_reply_that_cannot_be_mailed_leaves_one_note_with_the_reason_and_is_not_retried()
    {
        await _kit.MailboxAsync();
        var admin = await _kit.AdminAsync();
        var customerId = (await (await admin.PostAsync("/api/v1/customers", Json(new { name = "No Address" }), Ct)).ReadJsonAsync()).GetProperty("id").GetInt64();
        var ticketId = await _kit.QueryAsync(async db =>
        {
            var ticket = new Ticket { CustomerId = customerId, Subject = "Phone only", Channel = "email", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow };
            db.Tickets.Add(ticket);
            await db.SaveChangesAsync(Ct);
            await TicketThread.AppendAsync(db, ticket, new IncomingMessage(AuthorKind.System, "We got it.", "email", DateTime.UtcNow, IsAutomatic: true), "rule", Ct);
            await db.SaveChangesAsync(Ct);
            return ticket.Id;
        });

        List<TicketMessage> notes = [];
        for (var i = 0; i < 100 && notes.Count == 0; i++)
        {
            await Task.Delay(100, Ct);
            notes = await _kit.QueryAsync(db => db.TicketMessages.AsNoTracking().Where(m => m.TicketId == ticketId && m.IsInternal).ToListAsync(Ct));
        }
        Assert.Equal("The automatic reply was not emailed to the customer: the customer has no email address.", Assert.Single(notes).Body);
        await Task.Delay(2500, Ct);
        Assert.Single(await _kit.QueryAsync(db => db.TicketMessages.AsNoTracking().Where(m => m.TicketId == ticketId && m.IsInternal).ToListAsync(Ct)));
    }
}

public sealed class AutomaticReplyMailOnSqlite(SqliteEmailApp app) : AutomaticReplyMailTests<SqliteEmailApp>(app), IClassFixture<SqliteEmailApp>;

public sealed class AutomaticReplyMailOnPostgres(PostgresEmailApp app) : AutomaticReplyMailTests<PostgresEmailApp>(app), IClassFixture<PostgresEmailApp>;
