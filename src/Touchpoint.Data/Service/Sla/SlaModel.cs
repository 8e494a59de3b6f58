using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Sla;

namespace Touchpoint.Data.Service.Sla;

/// <summary>
/// The SLA tables: the ordered policies and the alerts that have fired. Kept out of TouchpointDb's own
/// OnModelCreating (and without DbSet properties there) so SLA work and other work change different files.
/// </summary>
public static class SlaModel
{
    public static DbSet<SlaPolicyDefinition> SlaPolicies(this TouchpointDb db) => db.Set<SlaPolicyDefinition>();
    public static DbSet<SlaAlertRecord> SlaAlerts(this TouchpointDb db) => db.Set<SlaAlertRecord>();

    public static void Configure(ModelBuilder b)
    {
        b.Entity<SlaPolicyDefinition>(e =>
        {
            e.ToTable("sla_policies");
            e.HasIndex(p => p.Name).IsUnique();
            e.HasIndex(p => p.Position).IsUnique();
            e.Property(p => p.Name).HasMaxLength(100);
            e.Property(p => p.ConditionsJson).HasMaxLength(4000);
            e.Property(p => p.TargetsJson).HasMaxLength(4000);
            e.Property(p => p.TimeZone).HasMaxLength(100);
            e.Property(p => p.BusinessHours).HasMaxLength(500);
            e.Property(p => p.Holidays).HasMaxLength(4000);
            e.Property(p => p.EscalationJson).HasMaxLength(4000);
        });
        b.Entity<SlaAlertRecord>(e =>
        {
            e.ToTable("sla_alerts");
            // One row per ticket, clock and kind: the scanner's guard against doing an action twice.
            e.HasIndex(a => new { a.TicketId, a.Clock, a.Kind }).IsUnique();
            e.HasIndex(a => a.FiredAtUtc);
            e.Property(a => a.Clock).HasMaxLength(60);
            e.Property(a => a.Kind).HasMaxLength(10);
            e.Property(a => a.Target).HasMaxLength(20);
            e.Property(a => a.PolicyName).HasMaxLength(100);
            e.Property(a => a.NotifiedUserIds).HasMaxLength(2000);
            e.Property(a => a.Actions).HasMaxLength(1000);
        });
    }
}
