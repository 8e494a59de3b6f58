using Microsoft.EntityFrameworkCore;
using MimeKit;
using Touchpoint.Domain.Service;
using Touchpoint.Web.Tests.Channels.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Channels;

/// <summary>Mail delivered over real SMTP to the app's own receiver, driven by MailKit's SmtpClient.</summary>
public abstract class EmailIntakeTests<TApp>(TApp app) where TApp : EmailApp
{
    private readonly MailTestKit _kit = new(app);

    [Fact]
    public async Task A_customer_mail_opens_a_ticket_with_cc_participants_a_sanitised_body_and_its_attachment()
    {
        var (_, support) = await _kit.MailboxAsync();
        var customer = MailTestKit.Unique("ada");
        var colleague = MailTestKit.Unique("grace");
        var mail = MailTestKit.Mail(customer, support, "Lamp arrived broken", "");
        mail.From[0].Name = "Ada Lovelace";
        mail.Cc.Add(MailboxAddress.Parse(colleague));
        var body = new BodyBuilder
        {
            TextBody = "The base is cracked.",
            HtmlBody = "<p>The base is <b>cracked</b>.</p><script>alert('x')</script><img src=x onerror=\"alert(1)\"><a href=\"javascript:alert(2)\">photo</a>",
        };
        var photo = Enumerable.Range(0, 5000).Select(i => (byte)(i % 251)).ToArray();
        body.Attachments.Add("lamp.jpg", photo, ContentType.Parse("image/jpeg"));
        mail.Body = body.ToMessageBody();

        await _kit.SendAsync(mail);
        await _kit.SendAsync(mail); // the same message delivered twice

        var ticketId = await _kit.TicketOfAsync(mail.MessageId);
        var thread = await _kit.ThreadAsync(ticketId);
        var message = Assert.Single(thread.GetProperty("messages").EnumerateArray());
        Assert.Equal("The base is cracked.", message.GetProperty("body").GetString());
        var html = message.GetProperty("bodyHtml").GetString()!;
        Assert.Contains("<b>cracked</b>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(colleague, Assert.Single(thread.GetProperty("participants").EnumerateArray()).GetProperty("email").GetString());

        var attachment = Assert.Single(message.GetProperty("attachments").EnumerateArray());
        Assert.Equal("lamp.jpg", attachment.GetProperty("fileName").GetString());
        var admin = await _kit.AdminAsync();
        var download = await admin.GetAsync(attachment.GetProperty("url").GetString(), Ct);
        Assert.Equal(photo, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);

        var (customerName, subject, touchpoints) = await _kit.QueryAsync(async db =>
        {
            var t = await db.Tickets.SingleAsync(x => x.Id == ticketId, Ct);
            var c = await db.Customers.SingleAsync(x => x.Id == t.CustomerId, Ct);
            var events = await db.Events.CountAsync(e => e.CustomerId == c.Id && e.Channel == "email", Ct);
            return (c.Name, t.Subject, events);
        });
        Assert.Equal("Ada Lovelace", customerName);
        Assert.Equal("Lamp arrived broken", subject);
        Assert.Equal(2, touchpoints); // ticket created + the message, on the customer's timeline
    }

    [Fact]
    public async Task Mail_to_an_address_that_is_no_mailbox_is_refused_at_the_smtp_door()
    {
        var mail = MailTestKit.Mail(MailTestKit.Unique("eve"), "nobody@elsewhere.test", "Relay me", "spam");
        var e = await Assert.ThrowsAsync<MailKit.Net.Smtp.SmtpCommandException>(() => _kit.SendAsync(mail, allRecipients: true));
        Assert.Equal(MailKit.Net.Smtp.SmtpErrorCode.RecipientNotAccepted, e.ErrorCode);
    }

    [Fact]
    public async Task A_reply_threads_by_in_reply_to_and_by_subject_reference_but_a_stranger_quoting_the_number_gets_a_new_ticket()
    {
        var (_, support) = await _kit.MailboxAsync();
        var customer = MailTestKit.Unique("lin");
        var first = MailTestKit.Mail(customer, support, "Where is my order?", "Order 1001 is late.");
        await _kit.SendAsync(first);
        var ticketId = await _kit.TicketOfAsync(first.MessageId);

        var answer = MailTestKit.Mail(customer, support, "Re: Where is my order?", "Any news?");
        answer.InReplyTo = first.MessageId;
        await _kit.SendAsync(answer);
        var byReference = MailTestKit.Mail(customer, support, $"Order again [#{ticketId}]", "Still nothing.");
        await _kit.SendAsync(byReference);
        var stranger = MailTestKit.Mail(MailTestKit.Unique("mallory"), support, $"Hi [#{ticketId}]", "Let me in.");
        await _kit.SendAsync(stranger);

        Assert.Equal(ticketId, await _kit.TicketOfAsync(answer.MessageId));
        Assert.Equal(ticketId, await _kit.TicketOfAsync(byReference.MessageId));
        Assert.NotEqual(ticketId, await _kit.TicketOfAsync(stranger.MessageId));
        Assert.Equal(3, (await _kit.ThreadAsync(ticketId)).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Auto_replies_bounces_and_loops_are_stored_as_automatic_change_nothing_and_unthreaded_ones_are_quarantined()
    {
        var (_, support) = await _kit.MailboxAsync();
        var customer = MailTestKit.Unique("otto");
        var first = MailTestKit.Mail(customer, support, "Refund", "Please refund order 7.");
        await _kit.SendAsync(first);
        var ticketId = await _kit.TicketOfAsync(first.MessageId);
        var admin = await _kit.AdminAsync();
        await admin.PostAsync($"/api/v1/tickets/{ticketId}/status", Json(new { status = "pending" }), Ct);

        var vacation = MailTestKit.Mail(customer, support, "Out of office", "I am away until Monday.");
        vacation.InReplyTo = first.MessageId;
        vacation.Headers.Add("Auto-Submitted", "auto-replied");
        await _kit.SendAsync(vacation);

        var bounce = new MimeMessage();
        bounce.From.Add(MailboxAddress.Parse("MAILER-DAEMON@customer.test"));
        bounce.To.Add(MailboxAddress.Parse(support));
        bounce.Subject = "Undelivered Mail Returned to Sender";
        bounce.References.Add(first.MessageId!);
        var report = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "The mail system could not deliver." } };
        report.Add(new MessageDeliveryStatus());
        bounce.Body = report;
        await _kit.SendAsync(bounce);

        var loop = MailTestKit.Mail(customer, support, "Re: Refund", "echo", messageId: $"{Guid.NewGuid():N}@desk.touchpoint.test");
        loop.InReplyTo = first.MessageId;
        await _kit.SendAsync(loop);

        var stray = MailTestKit.Mail(MailTestKit.Unique("robot"), support, "Automatic reply", "Thanks for your mail.");
        stray.Headers.Add("Precedence", "bulk");
        await _kit.SendAsync(stray);

        var thread = (await _kit.ThreadAsync(ticketId)).GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(4, thread.Count);
        Assert.All(thread.Skip(1), m => Assert.True(m.GetProperty("isAutomatic").GetBoolean()));
        Assert.StartsWith("auto-reply", thread[1].GetProperty("automaticReason").GetString());
        Assert.StartsWith("bounce", thread[2].GetProperty("automaticReason").GetString());
        Assert.StartsWith("loop", thread[3].GetProperty("automaticReason").GetString());
        // Automatic mail never counts as the customer replying: the ticket stays pending.
        var status = await _kit.QueryAsync(db => db.Tickets.Where(t => t.Id == ticketId).Select(t => t.Status).SingleAsync(Ct));
        Assert.Equal(TicketStatus.Pending, status);

        var quarantine = await (await admin.GetAsync("/api/v1/channels/quarantine?channel=email", Ct)).ReadJsonAsync();
        var kept = quarantine.EnumerateArray().Single(q => q.GetProperty("subject").GetString() == "Automatic reply");
        Assert.Contains("Precedence: bulk", kept.GetProperty("reason").GetString());
        Assert.False(await _kit.QueryAsync(db => db.TicketMessages.AnyAsync(m => m.ExternalId == stray.MessageId, Ct)));
    }

    [Fact]
    public async Task A_sender_writing_more_than_ten_times_a_minute_is_treated_as_a_loop()
    {
        var (_, support) = await _kit.MailboxAsync();
        var sender = MailTestKit.Unique("flood");
        var first = MailTestKit.Mail(sender, support, "Hello", "one");
        await _kit.SendAsync(first);
        for (var i = 2; i <= 12; i++)
        {
            var m = MailTestKit.Mail(sender, support, "Re: Hello", $"message {i}");
            m.InReplyTo = first.MessageId;
            await _kit.SendAsync(m);
        }
        var ticketId = await _kit.TicketOfAsync(first.MessageId);
        var messages = (await _kit.ThreadAsync(ticketId)).GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(12, messages.Count);
        // Ten messages within the minute are a person's; the 11th and 12th are flagged as a loop.
        Assert.Equal(10, messages.Count(m => !m.GetProperty("isAutomatic").GetBoolean()));
        Assert.All(messages.Skip(10), m => Assert.StartsWith("loop: more than 10", m.GetProperty("automaticReason").GetString()));
    }
}

public sealed class EmailIntakeOnSqlite(SqliteEmailApp app) : EmailIntakeTests<SqliteEmailApp>(app), IClassFixture<SqliteEmailApp>;

public sealed class EmailIntakeOnPostgres(PostgresEmailApp app) : EmailIntakeTests<PostgresEmailApp>(app), IClassFixture<PostgresEmailApp>;
