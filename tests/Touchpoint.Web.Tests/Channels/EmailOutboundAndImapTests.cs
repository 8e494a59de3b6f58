using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Touchpoint.Data.Service.Channels;
using Touchpoint.Web.Tests.Channels.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Channels;

/// <summary>Replies and forwards through a real SMTP relay; polling a real IMAP server (Dovecot); hostile mail.</summary>
public abstract class EmailOutboundAndImapTests<TApp>(TApp app) where TApp : EmailApp
{
    private readonly MailTestKit _kit = new(app);

    [Fact]
    public async Task An_agent_reply_goes_out_threaded_with_signature_and_cc_and_the_customer_answer_comes_back_to_the_ticket()
    {
        var (_, support) = await _kit.MailboxAsync(signature: "Northwind Home support\nMon-Fri 9-17");
        var customer = MailTestKit.Unique("kim");
        var colleague = MailTestKit.Unique("lee");
        var first = MailTestKit.Mail(customer, support, "Sofa colour", "Is the sofa available in green?");
        first.Cc.Add(MailboxAddress.Parse(colleague));
        await _kit.SendAsync(first);
        var ticketId = await _kit.TicketOfAsync(first.MessageId);

        var agent = await _kit.AdminAsync();
        var sent = await (await agent.PostAsync($"/api/v1/channels/email/tickets/{ticketId}/reply", Json(new { body = "Yes, in moss green." }), Ct)).ReadJsonAsync();
        var ourId = sent.GetProperty("emailMessageId").GetString()!;
        var relayed = await app.Relay.WaitForAsync(m => m.MessageId == ourId);
        Assert.Equal(first.MessageId, relayed.InReplyTo);
        Assert.Equal([first.MessageId!], relayed.References.ToArray());
        Assert.Equal($"Re: Sofa colour [#{ticketId}]", relayed.Subject);
        Assert.Equal(customer, relayed.To.Mailboxes.Single().Address);
        Assert.Equal(colleague, relayed.Cc.Mailboxes.Single().Address);
        Assert.Equal(support, relayed.From.Mailboxes.Single().Address);
        Assert.Equal("Yes, in moss green.\n\n-- \nNorthwind Home support\nMon-Fri 9-17", relayed.TextBody!.Replace("\r\n", "\n").TrimEnd());

        // The customer's client answers our mail: In-Reply-To is our Message-ID.
        var answer = MailTestKit.Mail(customer, support, relayed.Subject!, "Great, I'll take it.");
        answer.InReplyTo = ourId;
        await _kit.SendAsync(answer);
        Assert.Equal(ticketId, await _kit.TicketOfAsync(answer.MessageId));
        var authors = (await _kit.ThreadAsync(ticketId)).GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("author").GetString()!).ToArray();
        Assert.Equal(["customer", "agent", "customer"], authors);

        // Forwarding to a supplier: an internal note on the ticket, the whole conversation in the mail.
        var fwd = await (await agent.PostAsync($"/api/v1/channels/email/tickets/{ticketId}/forward",
            Json(new { to = "orders@supplier.test", note = "Please reserve one green sofa." }), Ct)).ReadJsonAsync();
        var forwarded = await app.Relay.WaitForAsync(m => m.MessageId == fwd.GetProperty("emailMessageId").GetString());
        Assert.Equal($"Fwd: Sofa colour [#{ticketId}]", forwarded.Subject);
        Assert.Contains("Is the sofa available in green?", forwarded.TextBody);
        Assert.Contains("Great, I'll take it.", forwarded.TextBody);
        var note = (await _kit.ThreadAsync(ticketId)).GetProperty("messages").EnumerateArray().Last();
        Assert.True(note.GetProperty("isInternal").GetBoolean());
    }

    [Fact]
    public async Task Each_mailbox_gives_its_mail_to_its_team_and_replies_go_out_from_its_address_with_its_signature()
    {
        var admin = await _kit.AdminAsync();
        async Task<(long Team, string Address)> BoxAsync(string name)
        {
            var team = (await (await admin.PostAsync("/api/v1/teams", Json(new { name = name + " " + Guid.NewGuid().ToString("N")[..6], memberIds = Array.Empty<long>() }), Ct)).ReadJsonAsync()).GetProperty("id").GetInt64();
            var address = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@desk.test";
            var created = await admin.PostAsync("/api/v1/channels/mailboxes", Json(new { name, address, teamId = team, signature = name + " team" }), Ct);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
            return (team, address);
        }
        var (salesTeam, sales) = await BoxAsync("Sales");
        var (billingTeam, billing) = await BoxAsync("Billing");
        var customer = MailTestKit.Unique("ivo");
        var toSales = MailTestKit.Mail(customer, sales, "Quote", "A quote for 20 chairs, please.");
        var toBilling = MailTestKit.Mail(customer, billing, "Invoice", "Invoice 77 is wrong.");
        await _kit.SendAsync(toSales);
        await _kit.SendAsync(toBilling);
        var salesTicket = await _kit.TicketOfAsync(toSales.MessageId);
        var billingTicket = await _kit.TicketOfAsync(toBilling.MessageId);
        var teams = await _kit.QueryAsync(db => db.Tickets.Where(t => t.Id == salesTicket || t.Id == billingTicket).ToDictionaryAsync(t => t.Id, t => t.TeamId, Ct));
        Assert.Equal((salesTeam, billingTeam), (teams[salesTicket], teams[billingTicket]));

        var sent = await (await admin.PostAsync($"/api/v1/channels/email/tickets/{billingTicket}/reply", Json(new { body = "Corrected." }), Ct)).ReadJsonAsync();
        var relayed = await app.Relay.WaitForAsync(m => m.MessageId == sent.GetProperty("emailMessageId").GetString());
        Assert.Equal(billing, relayed.From.Mailboxes.Single().Address);
        Assert.Equal("Corrected.\n\n-- \nBilling team", relayed.TextBody!.Replace("\r\n", "\n").TrimEnd());
    }

    [Fact]
    public async Task A_reply_with_bcc_goes_to_the_blind_copies_in_the_envelope_only_and_the_ticket_keeps_them()
    {
        var (_, support) = await _kit.MailboxAsync();
        var customer = MailTestKit.Unique("bea");
        var first = MailTestKit.Mail(customer, support, "Refund", "Where is my refund?");
        await _kit.SendAsync(first);
        var ticketId = await _kit.TicketOfAsync(first.MessageId);
        var agent = await _kit.AdminAsync();

        var bad = await (await agent.PostAsync($"/api/v1/channels/email/tickets/{ticketId}/reply",
            Json(new { body = "On its way.", bcc = new[] { "manager@desk.test", "not an address" } }), Ct)).ProblemAsync(400);
        Assert.Single(bad.ErrorsFor("bcc[1]"));

        var manager = MailTestKit.Unique("manager");
        var sent = await (await agent.PostAsync($"/api/v1/channels/email/tickets/{ticketId}/reply",
            Json(new { body = "On its way.", bcc = new[] { manager } }), Ct)).ReadJsonAsync();
        var ourId = sent.GetProperty("emailMessageId").GetString()!;
        await app.Relay.WaitForAsync(m => m.MessageId == ourId);
        var (recipients, relayed) = app.Relay.Received.Single(r => r.Message.MessageId == ourId);
        Assert.Equal(new[] { customer, manager }.Order(StringComparer.Ordinal), recipients.Order(StringComparer.Ordinal));
        Assert.Empty(relayed.Bcc); // the customer's copy does not reveal the blind copy
        Assert.DoesNotContain(manager, relayed.Headers.ToString(), StringComparison.OrdinalIgnoreCase);

        var view = (await _kit.ThreadAsync(ticketId)).GetProperty("messages").EnumerateArray().Last();
        Assert.Contains(manager, view.GetProperty("bcc").GetString());
    }

    [Fact]
    public async Task A_reply_the_relay_cannot_take_is_a_problem_naming_the_relay_and_nothing_is_stored()
    {
        var (_, support) = await _kit.MailboxAsync();
        var first = MailTestKit.Mail(MailTestKit.Unique("ron"), support, "Hello", "Hi");
        await _kit.SendAsync(first);
        var ticketId = await _kit.TicketOfAsync(first.MessageId);
        var outbox = new EmailOutbox(app.Services.GetRequiredService<Touchpoint.Data.Store.TouchpointDbFactory>(), new EmailSettings("x.test"),
            new RelaySender(new EmailRelay("127.0.0.1", LoopbackPort.Free(), "none")), TimeProvider.System);
        var e = await Assert.ThrowsAsync<EmailNotSentException>(() => outbox.ReplyAsync(new OutgoingEmail(ticketId, null, "Hello back"), Ct));
        Assert.Equal("relay", e.Field);
        Assert.Single((await _kit.ThreadAsync(ticketId)).GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task Imap_polling_takes_each_message_once_and_resumes_after_the_last_uid_it_stored()
    {
        var (port, user, password) = app.Imap;
        var (mailboxId, support) = await _kit.MailboxAsync(imap: new { imapHost = "127.0.0.1", imapPort = port, imapSecurity = "none", imapUser = user, imapPassword = password });
        using var imap = new ImapClient();
        await imap.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None, Ct);
        await imap.AuthenticateAsync(user, password, Ct);
        var m1 = MailTestKit.Mail(MailTestKit.Unique("ivy"), support, "Invoice question", "Why was I charged twice?");
        var m2 = MailTestKit.Mail(MailTestKit.Unique("ben"), support, "Delivery", "Can you deliver on Saturday?");
        await imap.Inbox.AppendAsync(m1, MessageFlags.None, Ct);
        await imap.Inbox.AppendAsync(m2, MessageFlags.None, Ct);

        var admin = await _kit.AdminAsync();
        var poll = await (await admin.PostAsync($"/api/v1/channels/mailboxes/{mailboxId}/poll", null, Ct)).ReadJsonAsync();
        Assert.Equal(2, poll.GetProperty("stored").GetInt32());
        var again = await (await admin.PostAsync($"/api/v1/channels/mailboxes/{mailboxId}/poll", null, Ct)).ReadJsonAsync();
        Assert.Equal(0, again.GetProperty("fetched").GetInt32());

        var m3 = MailTestKit.Mail(MailTestKit.Unique("ivy"), support, "Re: Invoice question", "Any update?");
        await imap.Inbox.AppendAsync(m3, MessageFlags.None, Ct);
        // A fresh poller, as after a restart: the position comes from the store, not from memory.
        var restarted = new ImapPoll(app.Services.GetRequiredService<Touchpoint.Data.Store.TouchpointDbFactory>(), app.Services.GetRequiredService<EmailIntake>());
        var afterRestart = await restarted.PollAsync(mailboxId, password, Ct);
        Assert.Equal((1, 1), (afterRestart.Fetched, afterRestart.Stored));

        // Forgetting the position re-reads everything, and everything is recognised as already stored.
        await _kit.QueryAsync(async db => await db.Set<Touchpoint.Domain.Service.Channels.Mailbox>().Where(m => m.Id == mailboxId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ImapLastUid, 0L), Ct));
        var reread = await restarted.PollAsync(mailboxId, password, Ct);
        Assert.Equal((3, 0, 3), (reread.Fetched, reread.Stored, reread.Duplicates));
        await imap.DisconnectAsync(true, Ct);

        var listed = await admin.GetStringAsync("/api/v1/channels/mailboxes", Ct);
        Assert.DoesNotContain(password, listed);
        Assert.Contains("\"hasPassword\":true", listed);
        Assert.Contains("\"lastUid\":3", listed);
    }

    [Fact]
    public async Task A_wrong_imap_password_is_a_problem_and_recorded_on_the_mailbox_without_the_secret()
    {
        var (port, user, _) = app.Imap;
        var (mailboxId, _) = await _kit.MailboxAsync(imap: new { imapHost = "127.0.0.1", imapPort = port, imapSecurity = "none", imapUser = user, imapPassword = "wrong-secret-123" });
        var admin = await _kit.AdminAsync();
        var problem = await (await admin.PostAsync($"/api/v1/channels/mailboxes/{mailboxId}/poll", null, Ct)).ProblemAsync(400);
        Assert.Contains("polling failed", Assert.Single(problem.ErrorsFor("imapHost")));
        var listed = await admin.GetStringAsync("/api/v1/channels/mailboxes", Ct);
        Assert.DoesNotContain("wrong-secret-123", listed);
        Assert.Contains("lastError", listed);
    }

    [Fact]
    public async Task Hostile_mail_is_quarantined_with_the_reason_or_stored_readably_and_nothing_is_lost()
    {
        var (_, support) = await _kit.MailboxAsync();
        var admin = await _kit.AdminAsync();

        // No From at all.
        var anonymous = new MimeMessage { Subject = "Who am I", MessageId = $"{Guid.NewGuid():N}@x.test" };
        anonymous.To.Add(MailboxAddress.Parse(support));
        anonymous.Body = new TextPart("plain") { Text = "no sender" };
        await _kit.SendAsync(anonymous, allRecipients: true);

        // A 30 MB attachment: the message is stored, the attachment quarantined with the reason.
        var big = MailTestKit.Mail(MailTestKit.Unique("huge"), support, "Video of the damage", "See the video.");
        var builder = new BodyBuilder { TextBody = "See the video." };
        builder.Attachments.Add("damage.mp4", new byte[30 * 1024 * 1024], ContentType.Parse("video/mp4"));
        big.Body = builder.ToMessageBody();
        await _kit.SendAsync(big);

        // Declared ISO-8859-1, really Latin-1 bytes with an accent; and a charset nobody knows.
        var latin = Encoding.Latin1.GetBytes($"From: rene@customer.test\r\nTo: {support}\r\nSubject: Caf\xe9\r\nMessage-ID: <{Guid.NewGuid():N}@customer.test>\r\nContent-Type: text/plain; charset=x-unknown-charset\r\n\r\nLe caf\xe9 est froid.\r\n");
        var intake = app.Services.GetRequiredService<EmailIntake>();
        var latinResult = await intake.ReceiveAsync(latin, null, null, Ct);
        var garbage = await intake.ReceiveAsync([], null, null, Ct);

        var quarantine = (await (await admin.GetAsync("/api/v1/channels/quarantine?channel=email", Ct)).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Contains(quarantine, q => q.GetProperty("subject").GetString() == "Who am I" && q.GetProperty("reason").GetString()!.Contains("no From"));
        var video = quarantine.Single(q => q.GetProperty("subject").GetString() == "Video of the damage");
        Assert.Contains("'damage.mp4' (30 MB) is over the limit of 25 MB", video.GetProperty("reason").GetString());
        Assert.Equal(30L * 1024 * 1024, video.GetProperty("sizeBytes").GetInt64());
        var bigTicket = await _kit.TicketOfAsync(big.MessageId);
        var stored = (await _kit.ThreadAsync(bigTicket)).GetProperty("messages").EnumerateArray().Single();
        Assert.Equal("See the video.", stored.GetProperty("body").GetString());
        Assert.Equal(0, stored.GetProperty("attachments").GetArrayLength());

        Assert.Equal(EmailOutcome.Stored, latinResult.Outcome);
        var latinBody = await _kit.QueryAsync(db => db.TicketMessages.Where(m => m.Id == latinResult.MessageId).Select(m => m.Body).SingleAsync(Ct));
        Assert.Equal("Le café est froid.", latinBody);
        Assert.Equal(EmailOutcome.Quarantined, garbage.Outcome);
    }
}

public sealed class EmailOutboundAndImapOnSqlite(SqliteEmailApp app) : EmailOutboundAndImapTests<SqliteEmailApp>(app), IClassFixture<SqliteEmailApp>;

public sealed class EmailOutboundAndImapOnPostgres(PostgresEmailApp app) : EmailOutboundAndImapTests<PostgresEmailApp>(app), IClassFixture<PostgresEmailApp>;
