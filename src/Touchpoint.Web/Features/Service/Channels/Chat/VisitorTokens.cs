using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Touchpoint.Web.Features.Service.Channels.Chat;

/// <summary>Who a valid token names: one visitor of one site.</summary>
public sealed record ChatVisitor(string Site, string VisitorKey);

/// <summary>
/// The visitor's token: the site and visitor key, encrypted and signed with the host's Data Protection keys and
/// stamped with an expiry. It is the only thing that opens a conversation, and it names exactly one, so a visitor
/// can never read another's. A forged, altered or expired token reads as null.
/// </summary>
public sealed class VisitorTokens(IDataProtectionProvider provider, ChatOptions options, TimeProvider clock)
{
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("Touchpoint.Chat.VisitorToken.v1").ToTimeLimitedDataProtector();

    public string Issue(ChatVisitor v) => _protector.Protect($"{v.Site}\n{v.VisitorKey}", clock.GetUtcNow() + options.TokenLifetime);

    public ChatVisitor? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000) return null;
        try
        {
            var text = _protector.Unprotect(token.Trim(), out var expires);
            if (expires < clock.GetUtcNow()) return null;
            var parts = text.Split('\n');
            return parts.Length == 2 ? new ChatVisitor(parts[0], parts[1]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
