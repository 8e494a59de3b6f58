using System.Security.Cryptography;

namespace Touchpoint.Domain.Journeys.Intake;

/// <summary>
/// A publishable key for the web snippet (/t.js). It sits in page source, so it is not a secret: what it allows is
/// deliberately small (write touchpoint events and identify visitors, nothing else) and only from the web origins
/// listed on it. Revoking it stops collection at once.
/// </summary>
public sealed class SiteKey
{
    public const string KeyPrefix = "tp_site_";

    public long Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The key as pages carry it ("tp_site_" and 24 URL-safe characters); unique.</summary>
    public string Key { get; set; } = "";

    /// <summary>The origins (scheme://host[:port]) pages may send from, space-separated and normalised.</summary>
    public string AllowedOrigins { get; set; } = "";

    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }

    public bool IsActive => RevokedAtUtc is null;

    public IReadOnlyList<string> Origins => AllowedOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool Allows(string? origin) => origin is { Length: > 0 } && Origins.Contains(origin.TrimEnd('/').ToLowerInvariant(), StringComparer.Ordinal);

    public static string NewKey() => KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
}
