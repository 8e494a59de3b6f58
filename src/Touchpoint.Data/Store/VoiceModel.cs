using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Store;

/// <summary>The tables of the Voice feature beyond surveys and answers: versions, invitations, triggers, follow-ups.</summary>
internal static class VoiceModel
{
    public static void Configure(ModelBuilder b)
    {
        VoiceInsightModel.Configure(b);
        b.Entity<SurveyVersion>(e =>
        {
            e.ToTable("survey_versions");
            e.HasIndex(v => new { v.SurveyId, v.Version }).IsUnique();
        });
        b.Entity<SurveyInvitation>(e =>
        {
            e.ToTable("survey_invitations");
            e.HasIndex(i => i.Token).IsUnique();
            e.HasIndex(i => new { i.CustomerId, i.CreatedAtUtc });
            e.HasIndex(i => new { i.Status, i.DueAtUtc });
            // One invitation per trigger and event: a restart that replays events cannot invite twice.
            e.HasIndex(i => new { i.TriggerId, i.SourceEventId }).IsUnique();
            e.Property(i => i.Token).HasMaxLength(100);
            e.Property(i => i.Channel).HasMaxLength(30);
            e.Property(i => i.Touchpoint).HasMaxLength(100);
            e.Property(i => i.Reason).HasMaxLength(200);
        });
        b.Entity<SurveyTrigger>(e =>
        {
            e.ToTable("survey_triggers");
            e.Property(t => t.Name).HasMaxLength(200);
            e.Property(t => t.EventType).HasMaxLength(100);
            e.Property(t => t.Segment).HasMaxLength(50);
            e.Property(t => t.Channel).HasMaxLength(30);
            e.Property(t => t.Stage).HasMaxLength(100);
            e.Property(t => t.PropertyName).HasMaxLength(100);
            e.Property(t => t.PropertyOperator).HasMaxLength(20);
            e.Property(t => t.PropertyValue).HasMaxLength(500);
        });
        b.Entity<VoiceUnsubscribe>(e =>
        {
            e.ToTable("voice_unsubscribes");
            e.HasIndex(u => u.CustomerId).IsUnique();
            e.Property(u => u.Source).HasMaxLength(50);
        });
        b.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasIndex(m => new { m.SentAtUtc, m.Id });
            e.Property(m => m.To).HasMaxLength(320);
            e.Property(m => m.Subject).HasMaxLength(500);
            e.Property(m => m.Kind).HasMaxLength(50);
            e.Property(m => m.RefKind).HasMaxLength(30);
            e.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
            e.Property(m => m.LastError).HasMaxLength(1000);
            e.Property(m => m.MessageId).HasMaxLength(500);
        });
        b.Entity<FollowUp>(e =>
        {
            e.ToTable("follow_ups");
            e.HasIndex(f => f.ResponseId).IsUnique();
            e.HasIndex(f => new { f.Outcome, f.CreatedAtUtc });
            e.HasIndex(f => f.CustomerId);
            e.Property(f => f.Touchpoint).HasMaxLength(100);
            e.Property(f => f.Reason).HasMaxLength(200);
            e.Property(f => f.OutcomeNote).HasMaxLength(2000);
        });
    }
}
