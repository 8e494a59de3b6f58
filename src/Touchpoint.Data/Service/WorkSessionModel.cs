using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Service;

namespace Touchpoint.Data.Service;

/// <summary>The work_sessions table: agent working time per ticket, read by average handle time.</summary>
internal static class WorkSessionModel
{
    public static void Configure(ModelBuilder b) => b.Entity<WorkSession>(e =>
    {
        e.ToTable("work_sessions");
        e.HasIndex(s => new { s.TicketId, s.StartedAtUtc });
        e.HasIndex(s => new { s.UserId, s.StartedAtUtc });
        e.Property(s => s.EndReason).HasMaxLength(20);
        e.Ignore(s => s.EndUtc);
    });
}
