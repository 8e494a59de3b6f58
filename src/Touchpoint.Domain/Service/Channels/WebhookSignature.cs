using System.Security.Cryptography;
using System.Text;

namespace Touchpoint.Domain.Service.Channels;

/// <summary>
/// Signed webhook deliveries: HMAC-SHA256 with the shared secret over "{timestamp}.{raw body}", hex in the header
/// as "sha256=...". The timestamp (Unix seconds) is part of what is signed, so an old delivery cannot be replayed
/// with a fresh time; deliveries older than <see cref="Tolerance"/> are refused.
/// </summary>
public static class WebhookSignature
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }

    /// <summary>Null when the delivery is genuine and fresh; otherwise why not.</summary>
    public static string? Check(string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(signatureHeader)) return "the signature header is missing";
        if (!long.TryParse(timestampHeader, out var ts)) return "the timestamp header is missing or not Unix seconds";
        var expected = Encoding.ASCII.GetBytes(Sign(secret, ts, body));
        // Constant time, so the signature cannot be guessed byte by byte from response times.
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signatureHeader.Trim())))
            return "the signature does not match the body";
        var age = now - DateTimeOffset.FromUnixTimeSeconds(ts);
        if (age > Tolerance || age < -Tolerance) return $"the timestamp is {Math.Abs((int)age.TotalSeconds)} s away from now; at most {(int)Tolerance.TotalSeconds} s is accepted";
        return null;
    }
}
