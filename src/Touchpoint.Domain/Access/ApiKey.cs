using System.Security.Cryptography;
using System.Text;

namespace Touchpoint.Domain.Access;

/// <summary>
/// A key other systems use to call the API. The secret is shown once at creation; only its SHA-256 is stored,
/// which is enough because the secret is 32 random bytes (no dictionary to attack, unlike a password).
/// </summary>
public sealed class ApiKey
{
    public const string SecretPrefix = "tp_";

    public long Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The first characters of the secret, shown in lists so people can tell keys apart.</summary>
    public string Prefix { get; set; } = "";
    public string SecretHash { get; set; } = "";
    public string Role { get; set; } = Roles.Viewer;
    public long? CreatedByUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
    public DateTime? LastUsedAtUtc { get; set; }

    public bool IsActive => RevokedAtUtc is null;

    /// <summary>Makes a new secret: "tp_" followed by 43 URL-safe base64 characters.</summary>
    public static string NewSecret()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        return SecretPrefix + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Makes a key and its secret; the secret is returned once and never stored.</summary>
    public static (ApiKey Key, string Secret) Issue(string name, string role, long? createdBy, DateTime nowUtc)
    {
        var secret = NewSecret();
        return (new ApiKey
        {
            Name = name, Role = role, Prefix = PrefixOf(secret), SecretHash = Hash(secret), CreatedByUserId = createdBy, CreatedAtUtc = nowUtc,
        }, secret);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string PrefixOf(string secret) => secret.Length >= 11 ? secret[..11] : secret;
}
