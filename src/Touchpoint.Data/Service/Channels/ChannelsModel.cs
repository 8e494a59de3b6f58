using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Data.Service.Channels;

/// <summary>
/// The tables of the channels (mailboxes, email envelopes, attachments, participants, quarantine, webhook deliveries,
/// phone calls). Kept out of TouchpointDb's own OnModelCreating so channel work and ticket work change different files.
/// </summary>
public static class ChannelsModel
{
    public static void Configure(ModelBuilder b)
    {
        Chat.ChatModel.Configure(b);
        b.Entity<Mailbox>(e =>
        {
            e.ToTable("mailboxes");
            e.HasIndex(m => m.Address).IsUnique();
            e.Property(m => m.Name).HasMaxLength(100);
            e.Property(m => m.Address).HasMaxLength(320);
            e.Property(m => m.Signature).HasMaxLength(2000);
            e.Property(m => m.ImapHost).HasMaxLength(255);
            e.Property(m => m.ImapSecurity).HasMaxLength(10);
            e.Property(m => m.ImapUser).HasMaxLength(320);
            e.Property(m => m.ImapPasswordProtected).HasMaxLength(2000);
            e.Property(m => m.ImapFolder).HasMaxLength(200);
            e.Property(m => m.ImapLastError).HasMaxLength(1000);
            e.Ignore(m => m.PollsImap);
        });
        b.Entity<EmailDetail>(e =>
        {
            e.ToTable("email_details");
            e.HasKey(d => d.TicketMessageId);
            e.Property(d => d.TicketMessageId).ValueGeneratedNever();
            e.HasIndex(d => new { d.From, d.Direction });
            e.Property(d => d.Direction).HasMaxLength(10);
            e.Property(d => d.From).HasMaxLength(320);
            e.Property(d => d.Subject).HasMaxLength(1000);
            e.Property(d => d.MessageId).HasMaxLength(500);
            e.Property(d => d.InReplyTo).HasMaxLength(500);
            e.Property(d => d.AutomaticReason).HasMaxLength(300);
        });
        b.Entity<TicketParticipant>(e =>
        {
            e.ToTable("ticket_participants");
            e.HasKey(p => new { p.TicketId, p.CustomerId });
            e.HasIndex(p => p.CustomerId);
            e.Property(p => p.Role).HasMaxLength(20);
        });
        b.Entity<MessageAttachment>(e =>
        {
            e.ToTable("message_attachments");
            e.HasIndex(a => a.TicketMessageId);
            e.Property(a => a.FileName).HasMaxLength(255);
            e.Property(a => a.ContentType).HasMaxLength(200);
            e.Property(a => a.StoragePath).HasMaxLength(500);
            e.Property(a => a.Sha256).HasMaxLength(64);
        });
        b.Entity<QuarantinedMessage>(e =>
        {
            e.ToTable("quarantined_messages");
            e.HasIndex(q => q.ReceivedAtUtc);
            e.Property(q => q.Channel).HasMaxLength(30);
            e.Property(q => q.Reason).HasMaxLength(1000);
            e.Property(q => q.Sender).HasMaxLength(320);
            e.Property(q => q.Subject).HasMaxLength(1000);
            e.Property(q => q.StoragePath).HasMaxLength(500);
        });
        b.Entity<ChannelDelivery>(e =>
        {
            e.ToTable("channel_deliveries");
            e.HasIndex(d => new { d.Channel, d.DeliveryId }).IsUnique();
            e.Property(d => d.Channel).HasMaxLength(30);
            e.Property(d => d.DeliveryId).HasMaxLength(200);
        });
        b.Entity<SocialDetail>(e =>
        {
            e.ToTable("social_details");
            e.HasKey(d => d.TicketMessageId);
            e.Property(d => d.TicketMessageId).ValueGeneratedNever();
            e.Property(d => d.Platform).HasMaxLength(30);
            e.Property(d => d.Handle).HasMaxLength(200);
            e.Property(d => d.Permalink).HasMaxLength(1000);
            e.Property(d => d.InReplyTo).HasMaxLength(200);
        });
        b.Entity<PhoneCall>(e =>
        {
            e.ToTable("phone_calls");
            e.HasIndex(c => c.TicketMessageId).IsUnique();
            e.HasIndex(c => new { c.CallbackDueAtUtc, c.CallbackDoneAtUtc });
            e.Property(c => c.PhoneNumber).HasMaxLength(50);
        });
    }
}
