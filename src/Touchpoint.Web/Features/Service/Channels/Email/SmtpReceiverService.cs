using System.Buffers;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SmtpServer;
using IMailbox = SmtpServer.Mail.IMailbox;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Touchpoint.Data.Service.Channels;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Web.Features.Service.Channels.Email;

/// <summary>Touchpoint:Email:Receiver: the built-in SMTP receiver, off unless Enabled.</summary>
public sealed record SmtpReceiverOptions(bool Enabled, string Address, int Port);

/// <summary>
/// The built-in SMTP receiver: a mail server delivers straight to Touchpoint. Only mail to one of the mailboxes is
/// accepted (550 for anything else: never an open relay); each message goes through <see cref="EmailIntake"/>, and a
/// failure to store answers 451 so the sending server retries instead of the message being lost.
/// </summary>
public sealed class SmtpReceiverService(SmtpReceiverOptions options, TouchpointDbFactory dbs, EmailIntake intake, ILogger<SmtpReceiverService> log) : BackgroundService
{
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the receiver accepts connections (tests wait for it).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // never hold up the host's start
        var smtpOptions = new SmtpServerOptionsBuilder()
            .ServerName("touchpoint")
            .MaxMessageSize((int)MailLimits.MaxMessageBytes, MaxMessageSizeHandling.Strict)
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Parse(options.Address), options.Port)).IsSecure(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new RecipientFilter(dbs));
        services.Add(new IntakeStore(intake, dbs, log));
        var server = new SmtpServer.SmtpServer(smtpOptions, services);
        var running = server.StartAsync(stoppingToken);
        log.LogInformation("SMTP receiver listening on {Address}:{Port}", options.Address, options.Port);
        _listening.TrySetResult();
        await running;
    }

    private sealed class RecipientFilter(TouchpointDbFactory dbs) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken ct) => Task.FromResult(true);

        public async Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken ct)
        {
            var address = $"{to.User}@{to.Host}".ToLowerInvariant();
            await using var db = dbs.Create();
            return await db.Set<Mailbox>().AnyAsync(m => m.Address == address, ct);
        }
    }

    private sealed class IntakeStore(EmailIntake intake, TouchpointDbFactory dbs, ILogger log) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            try
            {
                var recipients = transaction.To.Select(t => $"{t.User}@{t.Host}".ToLowerInvariant()).ToList();
                long? mailboxId;
                await using (var db = dbs.Create())
                    mailboxId = await db.Set<Mailbox>().Where(m => recipients.Contains(m.Address)).OrderBy(m => m.Id).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);
                var result = await intake.ReceiveAsync(buffer.ToArray(), mailboxId, null, ct);
                log.LogInformation("SMTP message taken in: {Outcome} (ticket {Ticket})", result.Outcome, result.TicketId);
                return SmtpResponse.Ok;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "SMTP message could not be stored; the sender was asked to retry");
                return new SmtpResponse((SmtpReplyCode)451, "4.3.0 temporary failure storing the message, try again later");
            }
        }
    }
}
