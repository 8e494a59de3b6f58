namespace Touchpoint.Domain.Access;

/// <summary>
/// The four roles. Admins do everything; agents work tickets; analysts read everything and run analyses;
/// viewers only read. API keys carry one of these roles too.
/// </summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Agent = "agent";
    public const string Analyst = "analyst";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Agent, Analyst, Viewer];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role);
}
