using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Service.Channels.Chat;

namespace Touchpoint.Data.Service.Channels.Chat;

/// <summary>The chat channel's one table: which visitor (token) talks on which ticket, for which customer.</summary>
public static class ChatModel
{
    public static void Configure(ModelBuilder b) => b.Entity<ChatConversation>(e =>
    {
        e.ToTable("chat_conversations");
        e.HasIndex(c => c.VisitorKey).IsUnique();
        e.HasIndex(c => c.TicketId);
        e.HasIndex(c => c.CustomerId);
        e.Property(c => c.VisitorKey).HasMaxLength(64);
        e.Property(c => c.Site).HasMaxLength(100);
        e.Ignore(c => c.AnonymousHandle);
    });
}
