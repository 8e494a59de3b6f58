using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Store;

/// <summary>Tables of outreach (templates, sends) and qualitative notes; reached through db.Set&lt;T&gt;().</summary>
internal static class VoiceInsightModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<OutreachTemplate>(e =>
        {
            e.ToTable("outreach_templates");
            e.HasIndex(t => t.Name).IsUnique();
            e.Property(t => t.Name).HasMaxLength(200);
            e.Property(t => t.Subject).HasMaxLength(200);
            e.Property(t => t.Body).HasMaxLength(10000);
        });
        b.Entity<OutreachMessage>(e =>
        {
            e.ToTable("outreach_messages");
            e.HasIndex(m => m.Token).IsUnique();
            e.HasIndex(m => new { m.CustomerId, m.DueAtUtc });
            e.HasIndex(m => new { m.Status, m.DueAtUtc });
            // One send per trigger and event: a restart that replays events cannot send twice.
            e.HasIndex(m => new { m.TriggerId, m.SourceEventId }).IsUnique();
            e.Property(m => m.Token).HasMaxLength(100);
            e.Property(m => m.Reason).HasMaxLength(200);
            e.Property(m => m.Subject).HasMaxLength(300);
            e.Property(m => m.Body).HasMaxLength(20000);
        });
        b.Entity<QualitativeNote>(e =>
        {
            e.ToTable("qualitative_notes");
            e.HasIndex(n => n.NotedOn);
            e.Property(n => n.Kind).HasMaxLength(20);
            e.Property(n => n.Title).HasMaxLength(200);
            e.Property(n => n.Text).HasMaxLength(20000);
            e.Property(n => n.Author).HasMaxLength(200);
        });
        b.Entity<NoteTag>(e =>
        {
            e.ToTable("note_tags");
            e.HasIndex(t => new { t.Kind, t.Value });
            e.HasIndex(t => t.NoteId);
            e.Property(t => t.Kind).HasMaxLength(20);
            e.Property(t => t.Value).HasMaxLength(100);
        });
    }
}
