using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service.Channels;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Web.Features.Service.Channels.Email;

/// <summary>Touchpoint:Email:Imap:PollSeconds: how often every IMAP mailbox is polled (0 turns polling off).</summary>
public sealed record ImapPollingOptions(int PollSeconds);

/// <summary>
/// Polls every mailbox that has IMAP settings. The position (last UID) lives in the store, so the service picks up
/// after a restart exactly where it stopped. A failing mailbox records its error and does not stop the others.
/// </summary>
public sealed class ImapPollingService(ImapPollingOptions options, TouchpointDbFactory dbs, ImapPoll poll, MailboxSecrets secrets,
    ILogger<ImapPollingService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.PollSeconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.PollSeconds));
        do
        {
            await PollAllAsync(stoppingToken);
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task PollAllAsync(CancellationToken ct)
    {
        List<Mailbox> mailboxes;
        try
        {
            await using var db = dbs.Create();
            mailboxes = (await db.Set<Mailbox>().AsNoTracking().ToListAsync(ct)).Where(m => m.PollsImap).ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("IMAP polling skipped: the store is not ready ({Error})", e.Message);
            return;
        }
        foreach (var m in mailboxes)
        {
            try
            {
                var r = await poll.PollAsync(m.Id, secrets.Reveal(m.ImapPasswordProtected), ct);
                if (r.Fetched > 0) log.LogInformation("IMAP {Mailbox}: {Fetched} fetched, {Stored} stored", m.Address, r.Fetched, r.Stored);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The message names host and cause, never the password.
                log.LogWarning("IMAP {Mailbox} failed: {Error}", m.Address, e.Message);
                await poll.RecordFailureAsync(m.Id, e.Message, ct);
            }
        }
    }
}
