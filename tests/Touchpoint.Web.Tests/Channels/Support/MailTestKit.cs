using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests.Channels.Support;

/// <summary>Sends mail to the app's SMTP receiver with MailKit and looks at what it stored.</summary>
public sealed class MailTestKit(EmailApp app)
{
    public static string Unique(string local) => $"{local}.{Guid.NewGuid():N}"[..(local.Length + 9)] + "@customer.test";

    public async Task<HttpClient> AdminAsync() => await app.ClientWithRoleAsync(Roles.Admin);

    /// <summary>A mailbox with a unique address for one test, created through the API.</summary>
    public async Task<(long Id, string Address)> MailboxAsync(string signature = "Northwind Home support", object? imap = null)
    {
        var admin = await AdminAsync();
        var address = $"support-{Guid.NewGuid():N}"[..16] + "@desk.test";
        var body = new Dictionary<string, object?> { ["name"] = "Support", ["address"] = address, ["signature"] = signature };
        if (imap is not null)
            foreach (var p in JsonSerializer.SerializeToElement(imap, JsonSerializerOptions.Web).EnumerateObject()) body[p.Name] = p.Value;
        var created = await (await admin.PostAsync("/api/v1/channels/mailboxes", Json(body), Ct)).ReadJsonAsync();
        return (created.GetProperty("id").GetInt64(), address);
    }

    /// <summary>
    /// Delivers as a mail exchanger does: RCPT TO names only the recipients at our domain; CC'd people elsewhere get
    /// their copy from their own server, yet their addresses stay in the headers.
    /// </summary>
    public async Task SendAsync(MimeMessage message, bool allRecipients = false)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync("127.0.0.1", app.SmtpPort, SecureSocketOptions.None, Ct);
        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Where(m => allRecipients || m.Address.EndsWith("@desk.test", StringComparison.Ordinal)).ToList();
        await smtp.SendAsync(message, message.From.Mailboxes.FirstOrDefault() ?? MailboxAddress.Parse("envelope@customer.test"), recipients, Ct);
        await smtp.DisconnectAsync(true, Ct);
    }

    public static MimeMessage Mail(string from, string to, string subject, string text, string? messageId = null)
    {
        var m = new MimeMessage();
        m.From.Add(MailboxAddress.Parse(from));
        m.To.Add(MailboxAddress.Parse(to));
        m.Subject = subject;
        m.MessageId = messageId ?? $"{Guid.NewGuid():N}@customer.test";
        m.Body = new TextPart("plain") { Text = text };
        return m;
    }

    public async Task<T> QueryAsync<T>(Func<TouchpointDb, Task<T>> query)
    {
        await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create();
        return await query(db);
    }

    /// <summary>The ticket a stored email message (by Message-ID) sits on.</summary>
    public Task<long> TicketOfAsync(string? messageId) =>
        QueryAsync(db => db.TicketMessages.Where(m => m.Channel == "email" && m.ExternalId == messageId).Select(m => m.TicketId).SingleAsync(Ct));

    public async Task<JsonElement> ThreadAsync(long ticketId)
    {
        var admin = await AdminAsync();
        return await (await admin.GetAsync($"/api/v1/channels/email/tickets/{ticketId}", Ct)).ReadJsonAsync();
    }
}
