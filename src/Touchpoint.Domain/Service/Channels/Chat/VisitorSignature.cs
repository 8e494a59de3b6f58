using System.Security.Cryptography;
using System.Text;

namespace Touchpoint.Domain.Service.Channels.Chat;

/// <summary>
/// Identity verification of a signed-in user of the host site, as Intercom and Chatwoot do it: the host's server
/// computes HMAC-SHA256 of its user id with the site's chat secret and prints the hex digest in the script tag
/// (data-user-hash). Only that server knows the secret, so a visitor cannot claim another user's id.
/// </summary>
public static class VisitorSignature
{
    public static string Sign(string secret, string userId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(userId)));

    public static bool Verify(string secret, string userId, string? hash)
    {
        if (string.IsNullOrEmpty(hash)) return false;
        // Constant time, so a hash cannot be guessed byte by byte from response times.
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, userId)), Encoding.ASCII.GetBytes(hash.Trim().ToLowerInvariant()));
    }
}
