using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Touchpoint.Data.Access;

/// <summary>
/// Password and account rules for people who sign in, shared by every place that creates users (the web host and
/// the CLI), so a password the CLI accepts is one the login form accepts.
/// </summary>
public static class IdentityRules
{
    public const int MinPasswordLength = 12;

    public static void Configure(IdentityOptions o)
    {
        // Length beats composition rules (NIST SP 800-63B): a long passphrase needs no digits or symbols.
        o.Password.RequiredLength = MinPasswordLength;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireDigit = false;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.User.RequireUniqueEmail = true;
    }

    /// <summary>A 20-character password without look-alike characters (about 116 bits).</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }
}
