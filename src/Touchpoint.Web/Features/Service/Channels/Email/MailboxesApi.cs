using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service.Channels;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Service.Channels;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Service.Channels.Email;

public sealed record ImapDto(string? Host, int Port, string Security, string? User, string Folder, bool HasPassword, long LastUid, DateTime? LastPolledAt, string? LastError);

/// <summary>A mailbox as the API shows it: never with its password (only whether one is set).</summary>
public sealed record MailboxDto(long Id, string Name, string Address, long? TeamId, string Signature, ImapDto Imap);

public sealed record MailboxInput
{
    public string? Name { get; init; }
    public string? Address { get; init; }
    public long? TeamId { get; init; }
    public string? Signature { get; init; }
    public string? ImapHost { get; init; }
    public int? ImapPort { get; init; }
    public string? ImapSecurity { get; init; }
    public string? ImapUser { get; init; }

    /// <summary>Write-only; null keeps the stored password, "" removes it.</summary>
    public string? ImapPassword { get; init; }
    public string? ImapFolder { get; init; }
}

/// <summary>/api/v1/channels/mailboxes: the email addresses the desk answers (admins only).</summary>
public static class MailboxesApi
{
    public static void MapMailboxesApi(this RouteGroupBuilder channels)
    {
        var g = channels.MapGroup("/mailboxes").WithTags("Channels: email");
        g.MapGet("/", List).RequireAuthorization(Policies.Admin);
        g.MapPost("/", Create).RequireAuthorization(Policies.Admin);
        g.MapPut("/{id:long}", Update).RequireAuthorization(Policies.Admin);
        g.MapPost("/{id:long}/poll", Poll).RequireAuthorization(Policies.Admin);
    }

    public static async Task<Ok<List<MailboxDto>>> List(TouchpointDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<Mailbox>().AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct)).Select(ToDto).ToList());

    public static async Task<Results<Created<MailboxDto>, ValidationProblem>> Create(TouchpointDb db, MailboxSecrets secrets, TimeProvider clock, MailboxInput input, CancellationToken ct)
    {
        var m = new Mailbox { CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        var errors = await ApplyAsync(db, secrets, m, input, ct);
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        db.Set<Mailbox>().Add(m);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/channels/mailboxes/{m.Id}", ToDto(m));
    }

    public static async Task<Results<Ok<MailboxDto>, NotFound, ValidationProblem>> Update(TouchpointDb db, MailboxSecrets secrets, long id, MailboxInput input, CancellationToken ct)
    {
        var m = await db.Set<Mailbox>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return TypedResults.NotFound();
        var errors = await ApplyAsync(db, secrets, m, input, ct);
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(m));
    }

    /// <summary>Polls the mailbox now instead of waiting for the next round; answers what was taken in.</summary>
    public static async Task<Results<Ok<ImapPollResult>, NotFound, ValidationProblem>> Poll(TouchpointDb db, ImapPoll poll, MailboxSecrets secrets, long id, CancellationToken ct)
    {
        var m = await db.Set<Mailbox>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return TypedResults.NotFound();
        if (!m.PollsImap) return Validation.Problem(("imapHost", "the mailbox has no IMAP host and user"));
        try
        {
            return TypedResults.Ok(await poll.PollAsync(id, secrets.Reveal(m.ImapPasswordProtected), ct));
        }
        catch (Exception e) when (e is MailKit.ProtocolException or MailKit.CommandException or MailKit.Security.AuthenticationException or IOException or System.Net.Sockets.SocketException or MailKit.Net.Imap.ImapCommandException)
        {
            await poll.RecordFailureAsync(id, e.Message, ct);
            return Validation.Problem(("imapHost", "polling failed: " + e.Message));
        }
    }

    private static async Task<List<(string, string)>> ApplyAsync(TouchpointDb db, MailboxSecrets secrets, Mailbox m, MailboxInput input, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var name = input.Name?.Trim() ?? m.Name;
        if (string.IsNullOrEmpty(name)) errors.Add(("name", "is required"));
        else if (name.Length > 100) errors.Add(("name", "is longer than 100 characters"));
        var address = input.Address is null ? m.Address : CustomerIdentity.Normalise(IdentityKind.Email, input.Address);
        if (!MimeKit.MailboxAddress.TryParse(address, out var parsed) || !address.Contains('@') || parsed.Address != address)
            errors.Add(("address", "must be one email address such as support@example.com"));
        else if (await db.Set<Mailbox>().AnyAsync(x => x.Address == address && x.Id != m.Id, ct)) errors.Add(("address", $"{address} is already a mailbox"));
        if (input.TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, ct)) errors.Add(("teamId", $"no team has id {team}"));
        if (input.Signature is { Length: > 2000 }) errors.Add(("signature", "is longer than 2,000 characters"));
        if (input.ImapPort is { } port && port is < 1 or > 65535) errors.Add(("imapPort", "must be between 1 and 65535"));
        var security = input.ImapSecurity?.Trim().ToLowerInvariant() ?? m.ImapSecurity;
        if (!EmailRelay.SecurityChoices.Contains(security)) errors.Add(("imapSecurity", "must be one of none, ssl, starttls"));
        if (errors.Count > 0) return errors;

        m.Name = name;
        m.Address = address;
        if (input.TeamId is not null) m.TeamId = input.TeamId;
        if (input.Signature is not null) m.Signature = input.Signature.Trim();
        if (input.ImapHost is not null) m.ImapHost = input.ImapHost.Trim() is { Length: > 0 } h ? h : null;
        if (input.ImapPort is not null) m.ImapPort = input.ImapPort.Value;
        m.ImapSecurity = security;
        if (input.ImapUser is not null) m.ImapUser = input.ImapUser.Trim() is { Length: > 0 } u ? u : null;
        if (input.ImapFolder is { Length: > 0 } folder) m.ImapFolder = folder.Trim();
        if (input.ImapPassword is not null) m.ImapPasswordProtected = input.ImapPassword.Length == 0 ? null : secrets.Protect(input.ImapPassword);
        return errors;
    }

    private static MailboxDto ToDto(Mailbox m) => new(m.Id, m.Name, m.Address, m.TeamId, m.Signature,
        new ImapDto(m.ImapHost, m.ImapPort, m.ImapSecurity, m.ImapUser, m.ImapFolder, m.ImapPasswordProtected is not null, m.ImapLastUid, m.ImapLastPolledAtUtc, m.ImapLastError));
}
