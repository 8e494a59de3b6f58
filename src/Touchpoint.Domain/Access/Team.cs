namespace Touchpoint.Domain.Access;

/// <summary>A group of people who own work: a support tier, the delivery team, billing, product.</summary>
public sealed class Team
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>Membership of a user in a team.</summary>
public sealed class TeamMember
{
    public long TeamId { get; set; }
    public long UserId { get; set; }
}
