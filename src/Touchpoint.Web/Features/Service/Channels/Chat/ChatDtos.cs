using Touchpoint.Data.Service.Channels.Chat;

namespace Touchpoint.Web.Features.Service.Channels.Chat;

public sealed record ChatSessionInput
{
    public string? Site { get; init; }

    /// <summary>The token the widget kept from an earlier visit; a valid one resumes that conversation.</summary>
    public string? Token { get; init; }

    /// <summary>The host site's signed-in user (data-user-id) and HMAC-SHA256 of it with the site's secret (data-user-hash).</summary>
    public string? UserId { get; init; }
    public string? UserHash { get; init; }
    public string? UserName { get; init; }
}

public sealed record ChatLineInput
{
    /// <summary>The widget's own id for the line, so a resend is stored once.</summary>
    public string? ClientId { get; init; }
    public string? Text { get; init; }
}

public sealed record ChatIdentifyInput
{
    public string? Name { get; init; }
    public string? Email { get; init; }
}

/// <summary>What the widget needs to draw itself: who the visitor is, whether anyone is in, and the conversation so far.</summary>
public sealed record ChatSessionView(string Token, string Identity, string? Name, bool HasEmail, bool Open, string? AwayMessage, bool NeedsEmail,
    IReadOnlyList<ChatLineView> Lines);

public sealed record ChatLineReceipt(long Id, bool Duplicate, bool FollowUpByEmail);

public sealed record ChatLinesView(IReadOnlyList<ChatLineView> Lines);
