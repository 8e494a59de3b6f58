using Microsoft.AspNetCore.Authorization;
using Touchpoint.Domain.Access;

namespace Touchpoint.Web.Security;

/// <summary>
/// The authorisation policies. Every route needs one of them (the fallback policy demands a signed-in user);
/// only health, login and public pages opt out explicitly with AllowAnonymous.
/// </summary>
public static class Policies
{
    /// <summary>Read anything: all four roles.</summary>
    public const string Read = "read";

    /// <summary>Write data (events, answers, customers): everyone but viewers.</summary>
    public const string Write = "write";

    /// <summary>Work tickets: admins and agents.</summary>
    public const string Agent = "agent";

    /// <summary>Manage users, teams, keys and settings: admins only.</summary>
    public const string Admin = "admin";

    public static void Configure(AuthorizationOptions o)
    {
        o.AddPolicy(Read, p => p.RequireAuthenticatedUser().RequireRole(Roles.All));
        o.AddPolicy(Write, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Agent, Roles.Analyst));
        o.AddPolicy(Agent, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Agent));
        o.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        o.FallbackPolicy = o.GetPolicy(Read);
    }
}
