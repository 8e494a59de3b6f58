using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Access;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Journeys.Maps;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Store;

/// <summary>
/// The transactional model. One context for both providers; <see cref="SqliteTouchpointDb"/> and
/// <see cref="PostgresTouchpointDb"/> exist only so each provider keeps its own migrations.
/// Tables and columns are snake_case so hand-written SQL (bulk paths, analytics) reads the same on both.
/// </summary>
public abstract class TouchpointDb(DbContextOptions options) : IdentityDbContext<AppUser, IdentityRole<long>, long>(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerIdentity> CustomerIdentities => Set<CustomerIdentity>();
    public DbSet<CustomerMergeEntry> CustomerMerges => Set<CustomerMergeEntry>();
    public DbSet<TouchpointEvent> Events => Set<TouchpointEvent>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketMessage> TicketMessages => Set<TicketMessage>();
    public DbSet<TicketStatusChange> TicketStatusChanges => Set<TicketStatusChange>();
    public DbSet<CustomField> CustomFields => Set<CustomField>();
    public DbSet<TicketFieldValue> TicketFieldValues => Set<TicketFieldValue>();
    public DbSet<TicketAuditEntry> TicketAudit => Set<TicketAuditEntry>();
    public DbSet<Macro> Macros => Set<Macro>();
    public DbSet<SavedTicketView> SavedTicketViews => Set<SavedTicketView>();
    public DbSet<Survey> Surveys => Set<Survey>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<SurveyVersion> SurveyVersions => Set<SurveyVersion>();
    public DbSet<SurveyInvitation> SurveyInvitations => Set<SurveyInvitation>();
    public DbSet<SurveyTrigger> SurveyTriggers => Set<SurveyTrigger>();
    public DbSet<VoiceUnsubscribe> VoiceUnsubscribes => Set<VoiceUnsubscribe>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Journey> Journeys => Set<Journey>();
    public DbSet<WorkSession> WorkSessions => Set<WorkSession>();
    public DbSet<JourneyVersion> JourneyVersions => Set<JourneyVersion>();
    public DbSet<Touchpoint.Domain.Journeys.Intake.SiteKey> SiteKeys => Set<Touchpoint.Domain.Journeys.Intake.SiteKey>();
    public DbSet<Touchpoint.Domain.Journeys.Intake.EventWebhookSource> EventWebhookSources => Set<Touchpoint.Domain.Journeys.Intake.EventWebhookSource>();

    public abstract StoreProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.Entity<AppUser>().ToTable("users");
        b.Entity<IdentityRole<long>>().ToTable("roles");
        b.Entity<IdentityUserRole<long>>().ToTable("user_roles");
        b.Entity<IdentityUserClaim<long>>().ToTable("user_claims");
        b.Entity<IdentityUserLogin<long>>().ToTable("user_logins");
        b.Entity<IdentityUserToken<long>>().ToTable("user_tokens");
        b.Entity<IdentityRoleClaim<long>>().ToTable("role_claims");
        b.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(200);
        b.Entity<AppUser>().Property(u => u.Role).HasMaxLength(20);

        b.Entity<Customer>(e =>
        {
            e.ToTable("customers");
            e.HasIndex(c => c.ExternalId).IsUnique();
            e.HasIndex(c => c.Email);
            e.HasIndex(c => new { c.Segment, c.Id });
            e.Property(c => c.Name).HasMaxLength(300);
            e.Property(c => c.ExternalId).HasMaxLength(200);
            e.Property(c => c.Email).HasMaxLength(320);
            e.Property(c => c.Phone).HasMaxLength(50);
            e.Property(c => c.Segment).HasMaxLength(50);
        });
        b.Entity<CustomerMergeEntry>(e =>
        {
            e.ToTable("customer_merges");
            // Followers read the merges after their last id, and again those of the last minutes (a transaction that
            // took an id and committed after a later one).
            e.HasIndex(m => m.MergedAtUtc);
        });
        b.Entity<CustomerIdentity>(e =>
        {
            e.ToTable("customer_identities");
            e.HasIndex(i => new { i.Kind, i.Value }).IsUnique();
            e.HasIndex(i => i.CustomerId);
            e.Property(i => i.Value).HasMaxLength(320);
        });
        b.Entity<TouchpointEvent>(e =>
        {
            e.ToTable("touchpoint_events");
            e.HasIndex(x => x.ClientEventId).IsUnique();
            e.HasIndex(x => new { x.CustomerId, x.OccurredAtUtc });
            e.HasIndex(x => new { x.Type, x.OccurredAtUtc });
            e.Property(x => x.ClientEventId).HasMaxLength(200);
            e.Property(x => x.Type).HasMaxLength(100);
            e.Property(x => x.Channel).HasMaxLength(50);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Source).HasMaxLength(20);
            e.Property(x => x.RefKind).HasMaxLength(30);
            e.Property(x => x.Value).HasPrecision(18, 4);
            e.Ignore(x => x.OccurredAt);
        });
        b.Entity<Ticket>(e =>
        {
            e.ToTable("tickets");
            e.HasIndex(t => new { t.CustomerId, t.CreatedAtUtc });
            e.HasIndex(t => new { t.Status, t.Id });
            e.HasIndex(t => new { t.AssigneeId, t.Status });
            e.HasIndex(t => t.MergedIntoId);
            e.Property(t => t.Subject).HasMaxLength(500);
            e.Property(t => t.Channel).HasMaxLength(30);
            e.Ignore(t => t.Reference);
        });
        b.Entity<TicketMessage>(e =>
        {
            e.ToTable("ticket_messages");
            e.HasIndex(m => new { m.TicketId, m.CreatedAtUtc });
            e.HasIndex(m => new { m.Channel, m.ExternalId }).IsUnique();
            e.Property(m => m.Channel).HasMaxLength(30);
            e.Property(m => m.ExternalId).HasMaxLength(500);
        });
        b.Entity<TicketStatusChange>(e =>
        {
            e.ToTable("ticket_status_changes");
            e.HasIndex(s => new { s.TicketId, s.AtUtc });
        });
        b.Entity<CustomField>(e =>
        {
            e.ToTable("custom_fields");
            e.HasIndex(f => f.Key).IsUnique();
            e.Property(f => f.Key).HasMaxLength(50);
            e.Property(f => f.Label).HasMaxLength(100);
            e.Ignore(f => f.Choices);
        });
        b.Entity<TicketFieldValue>(e =>
        {
            e.ToTable("ticket_field_values");
            e.HasKey(v => new { v.TicketId, v.FieldId });
            e.HasIndex(v => new { v.FieldId, v.Value });
            e.Property(v => v.Value).HasMaxLength(1000);
        });
        b.Entity<TicketAuditEntry>(e =>
        {
            e.ToTable("ticket_audit");
            e.HasIndex(a => new { a.TicketId, a.AtUtc });
            e.Property(a => a.Property).HasMaxLength(80);
            e.Property(a => a.Source).HasMaxLength(20);
        });
        b.Entity<Macro>(e =>
        {
            e.ToTable("macros");
            e.HasIndex(m => m.Name).IsUnique();
            e.Property(m => m.Name).HasMaxLength(100);
        });
        b.Entity<SavedTicketView>(e =>
        {
            e.ToTable("saved_ticket_views");
            e.HasIndex(v => v.OwnerUserId);
            e.Property(v => v.Name).HasMaxLength(100);
        });
        b.Entity<Survey>(e =>
        {
            e.ToTable("surveys");
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.Version).HasDefaultValue(1);
            e.Ignore(s => s.ScoreRange);
        });
        b.Entity<SurveyResponse>(e =>
        {
            e.ToTable("survey_responses");
            e.HasIndex(r => new { r.SurveyId, r.AnsweredAtUtc });
            e.HasIndex(r => r.CustomerId);
            e.HasIndex(r => r.Token).IsUnique();
            e.HasIndex(r => r.ClientResponseId).IsUnique();
            e.Property(r => r.Channel).HasMaxLength(30);
            e.Property(r => r.Touchpoint).HasMaxLength(100);
            e.Property(r => r.Token).HasMaxLength(100);
            e.Property(r => r.ClientResponseId).HasMaxLength(200);
            e.Property(r => r.Language).HasMaxLength(20);
            e.Property(r => r.SurveyVersion).HasDefaultValue(1);
        });
        VoiceModel.Configure(b);
        b.Entity<Team>(e =>
        {
            e.ToTable("teams");
            e.HasIndex(t => t.Name).IsUnique();
            e.Property(t => t.Name).HasMaxLength(100);
        });
        b.Entity<TeamMember>(e =>
        {
            e.ToTable("team_members");
            e.HasKey(m => new { m.TeamId, m.UserId });
        });
        b.Entity<ApiKey>(e =>
        {
            e.ToTable("api_keys");
            e.HasIndex(k => k.SecretHash).IsUnique();
            e.Property(k => k.Name).HasMaxLength(100);
            e.Property(k => k.Prefix).HasMaxLength(20);
            e.Property(k => k.SecretHash).HasMaxLength(64);
            e.Property(k => k.Role).HasMaxLength(20);
            e.Ignore(k => k.IsActive);
        });
        b.Entity<Journey>(e =>
        {
            e.ToTable("journeys");
            e.HasIndex(j => j.Name).IsUnique();
            e.Property(j => j.Name).HasMaxLength(100);
            e.Property(j => j.TemplateKey).HasMaxLength(50);
        });
        b.Entity<JourneyVersion>(e =>
        {
            e.ToTable("journey_versions");
            e.HasIndex(v => new { v.JourneyId, v.Version }).IsUnique();
            e.HasOne<Journey>().WithMany().HasForeignKey(v => v.JourneyId).OnDelete(DeleteBehavior.Cascade);
            e.Property(v => v.SavedBy).HasMaxLength(320);
        });

        Service.Channels.ChannelsModel.Configure(b);
        Service.Sla.SlaModel.Configure(b);
        Service.Routing.RoutingModel.Configure(b);
        Service.WorkSessionModel.Configure(b);
        Touchpoint.Data.Journeys.IntakeModel.Configure(b);

        foreach (var entity in b.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        // Every DateTime is UTC by convention; the converter restores Kind=Utc on read (SQLite keeps text).
        c.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        c.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var ch = name[i];
            if (char.IsUpper(ch))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])))) sb.Append('_');
                sb.Append(char.ToLowerInvariant(ch));
            }
            else sb.Append(ch);
        }
        return sb.ToString();
    }
}
