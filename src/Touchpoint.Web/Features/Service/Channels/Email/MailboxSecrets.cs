using Microsoft.AspNetCore.DataProtection;

namespace Touchpoint.Web.Features.Service.Channels.Email;

/// <summary>
/// Encrypts IMAP passwords with the host's data-protection keys (kept under the data directory), so a copy of the
/// database alone does not give away the mailbox. The API accepts a password but never returns one.
/// </summary>
public sealed class MailboxSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Touchpoint.Mailbox.ImapPassword.v1");

    public string Protect(string password) => _protector.Protect(password);

    public string? Reveal(string? protectedPassword) => protectedPassword is null ? null : _protector.Unprotect(protectedPassword);
}
