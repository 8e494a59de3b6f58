using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Journeys.Intake;

namespace Touchpoint.Data.Journeys;

/// <summary>The tables of public event intake: the snippet's site keys and the signed webhook sources.</summary>
internal static class IntakeModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<SiteKey>(e =>
        {
            e.ToTable("site_keys");
            e.HasIndex(k => k.Key).IsUnique();
            e.Property(k => k.Name).HasMaxLength(100);
            e.Property(k => k.Key).HasMaxLength(50);
            e.Property(k => k.AllowedOrigins).HasMaxLength(2000);
            e.Property(k => k.CreatedBy).HasMaxLength(320);
            e.Ignore(k => k.IsActive);
            e.Ignore(k => k.Origins);
        });
        b.Entity<EventWebhookSource>(e =>
        {
            e.ToTable("event_webhook_sources");
            e.HasIndex(s => s.Key).IsUnique();
            e.Property(s => s.Key).HasMaxLength(40);
            e.Property(s => s.Name).HasMaxLength(100);
            e.Property(s => s.Secret).HasMaxLength(100);
            e.Property(s => s.CreatedBy).HasMaxLength(320);
            e.Ignore(s => s.IsActive);
        });
    }
}
