using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Service.Routing;

namespace Touchpoint.Data.Service.Routing;

/// <summary>A small persisted cursor of the routing engine: a team's round-robin turn, the solved-event position.</summary>
public sealed class RoutingCursor
{
    public string Key { get; set; } = "";
    public long Value { get; set; }
}

/// <summary>
/// A rule that fired on a ticket for one episode (the solve, or the start of a pending spell): the unique
/// (rule, ticket, episode) index is what keeps a time trigger from firing twice, across restarts and parallel passes.
/// </summary>
public sealed class RuleFiring
{
    public long Id { get; set; }
    public long RuleId { get; set; }
    public long TicketId { get; set; }
    public DateTime EpisodeUtc { get; set; }
    public DateTime FiredAtUtc { get; set; }
}

/// <summary>The routing tables, kept out of TouchpointDb's own OnModelCreating so routing work changes its own file.</summary>
public static class RoutingModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<RoutingRule>(e =>
        {
            e.ToTable("routing_rules");
            e.HasIndex(r => new { r.Trigger, r.Position });
            e.Property(r => r.Name).HasMaxLength(100);
            e.Property(r => r.Trigger).HasMaxLength(30);
            e.Property(r => r.Match).HasMaxLength(10);
            e.Ignore(r => r.Conditions);
            e.Ignore(r => r.Actions);
        });
        b.Entity<AgentProfile>(e =>
        {
            e.ToTable("agent_profiles");
            e.HasKey(p => p.UserId);
            e.Property(p => p.UserId).ValueGeneratedNever();
            e.Property(p => p.SkillsJson).HasMaxLength(2000);
            e.Ignore(p => p.Skills);
        });
        b.Entity<RoutingCursor>(e =>
        {
            e.ToTable("routing_cursors");
            e.HasKey(c => c.Key);
            e.Property(c => c.Key).HasMaxLength(100);
        });
        b.Entity<RuleFiring>(e =>
        {
            e.ToTable("rule_firings");
            e.HasIndex(f => new { f.RuleId, f.TicketId, f.EpisodeUtc }).IsUnique();
            e.HasIndex(f => f.TicketId);
        });
    }
}
