using System.Security.Cryptography;
using System.Text;

namespace Touchpoint.Domain.Voice;

/// <summary>
/// Who answers through the in-page widget. A visitor token (random, kept in the visitor's browser) makes "one answer
/// per visitor" hold; an identified visitor also names the customer's external id, signed by the host site's server
/// with the shared secret (Voice:WidgetSecret): hex HMAC-SHA256 of the external id. Without a valid signature the
/// answer stays anonymous, so a page cannot write answers onto somebody else's timeline.
/// </summary>
public static class WidgetIdentity
{
    public static bool IsVisitorToken(string? v) => v is { Length: >= 16 and <= 64 } && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The answer token of one visitor on one survey: the token rule (one answer per token) then holds per visitor.</summary>
    public static string Token(long surveyId, string visitor) => $"w{surveyId}.{visitor}";

    public static string Sign(string secret, string externalId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(externalId)));

    public static bool Verify(string? secret, string? externalId, string? signature)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(externalId) || signature is not { Length: 64 }) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, externalId)), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
    }
}
