using System.Security.Cryptography;

namespace Touchpoint.Domain.Journeys.Intake;

/// <summary>
/// A system that pushes touchpoint events by signed webhook (POST /api/v1/webhooks/events/{key}). Each source has its
/// own secret, so one leaked secret is revoked without touching the others. The secret is kept as is, not hashed:
/// checking an HMAC needs the key itself; it is shown to a person once, when the source is made.
/// </summary>
public sealed class EventWebhookSource
{
    public long Id { get; set; }

    /// <summary>The source's name in the URL and in each event's source ("shop", "billing").</summary>
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";
    public string Secret { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }

    public bool IsActive => RevokedAtUtc is null;

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
