using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Data.Service.Channels;

/// <summary>What one poll of one mailbox took in.</summary>
public sealed record ImapPollResult(int Fetched, int Stored, int Duplicates, int Automatic, int Quarantined);

/// <summary>
/// Polls one mailbox over IMAP: fetches messages with a UID above the last one taken in, hands each to
/// <see cref="EmailIntake"/>, and saves the new last UID after every message, so a restart (or a crash mid-batch)
/// resumes where it stopped; a message fetched twice is stored once anyway (Message-ID). The folder is opened
/// read-only: Touchpoint never deletes or flags the customer's mail.
/// </summary>
public sealed class ImapPoll(TouchpointDbFactory dbs, EmailIntake intake)
{
    public async Task<ImapPollResult> PollAsync(long mailboxId, string? password, CancellationToken ct)
    {
        Mailbox mailbox;
        await using (var db = dbs.Create())
            mailbox = await db.Set<Mailbox>().AsNoTracking().FirstAsync(m => m.Id == mailboxId, ct);
        if (!mailbox.PollsImap) return new ImapPollResult(0, 0, 0, 0, 0);

        using var imap = new ImapClient();
        await imap.ConnectAsync(mailbox.ImapHost!, mailbox.ImapPort, EmailRelay.Socket(mailbox.ImapSecurity), ct);
        await imap.AuthenticateAsync(mailbox.ImapUser!, password ?? "", ct);
        var folder = await imap.GetFolderAsync(mailbox.ImapFolder, ct);
        await folder.OpenAsync(FolderAccess.ReadOnly, ct);

        var last = mailbox.ImapLastUid;
        if (folder.UidValidity != mailbox.ImapUidValidity)
        {
            last = 0;   // the server renumbered the folder; Message-ID dedupe keeps re-reading harmless
            await SaveCursorAsync(mailboxId, folder.UidValidity, 0, null, ct);
        }
        // "n:*" always matches the newest message even when its UID is below n, hence the filter after the search.
        var uids = (await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId((uint)Math.Min(last + 1, uint.MaxValue)), UniqueId.MaxValue)), ct))
            .Where(u => u.Id > last).OrderBy(u => u.Id).ToList();
        int stored = 0, duplicates = 0, automatic = 0, quarantined = 0;
        foreach (var uid in uids)
        {
            using var raw = new MemoryStream();
            await using (var stream = await folder.GetStreamAsync(uid, "", ct)) await stream.CopyToAsync(raw, ct);
            // The message's time is when Touchpoint took it in: response clocks start when the desk could see it.
            var result = await intake.ReceiveAsync(raw.ToArray(), mailboxId, null, ct);
            switch (result.Outcome)
            {
                case EmailOutcome.Stored: stored++; break;
                case EmailOutcome.Duplicate: duplicates++; break;
                case EmailOutcome.Automatic: automatic++; break;
                default: quarantined++; break;
            }
            await SaveCursorAsync(mailboxId, folder.UidValidity, uid.Id, null, ct);
        }
        await imap.DisconnectAsync(true, ct);
        await SaveCursorAsync(mailboxId, folder.UidValidity, uids.Count > 0 ? uids[^1].Id : last, null, ct);
        return new ImapPollResult(uids.Count, stored, duplicates, automatic, quarantined);
    }

    /// <summary>Remembers the failure on the mailbox (shown to admins), without the password or any secret.</summary>
    public async Task RecordFailureAsync(long mailboxId, string error, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var m = await db.Set<Mailbox>().FirstAsync(x => x.Id == mailboxId, ct);
        m.ImapLastError = Quarantine.Clip(error, 1000);
        m.ImapLastPolledAtUtc = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
    }

    private async Task SaveCursorAsync(long mailboxId, uint uidValidity, long lastUid, string? error, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var m = await db.Set<Mailbox>().FirstAsync(x => x.Id == mailboxId, ct);
        m.ImapUidValidity = uidValidity;
        m.ImapLastUid = lastUid;
        m.ImapLastError = error;
        m.ImapLastPolledAtUtc = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
    }
}
