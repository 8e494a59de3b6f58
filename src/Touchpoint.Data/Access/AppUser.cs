using Microsoft.AspNetCore.Identity;

namespace Touchpoint.Data.Access;

/// <summary>A person who signs in: admin, agent, analyst or viewer. Identity stores the hash and lockout state.</summary>
public sealed class AppUser : IdentityUser<long>
{
    public string DisplayName { get; set; } = "";

    /// <summary>One of <see cref="Domain.Access.Roles"/>; kept on the user so every check is one column read.</summary>
    public string Role { get; set; } = Domain.Access.Roles.Viewer;

    public DateTime CreatedAtUtc { get; set; }
    public bool IsActive { get; set; } = true;
}
