using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service.Channels.Chat;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Service.Channels.Chat;
using Touchpoint.Web.Api;
using Touchpoint.Web.Features.Service.Workspace;

namespace Touchpoint.Web.Features.Service.Channels.Chat;

/// <summary>The services every chat call needs.</summary>
public sealed record ChatServices(TouchpointDb Db, VisitorTokens Tokens, ChatOptions Options, ChatFlood Flood, ServiceClock Clock,
    TicketChangeNotifier Notifier, IConfiguration Config);

/// <summary>
/// The widget's routes under /chat. Anonymous by necessity (a visitor has no account) and therefore guarded: CORS to
/// the configured origins, a session limit per client address, the visitor token on every other call (it opens one
/// conversation only), and a per-visitor limit on lines. Answers are RFC 7807 problems naming the field.
/// </summary>
public static class ChatApi
{
    public const string Cors = "chat-widget";
    public const string SessionLimiter = "chat-session";
    public const string TokenHeader = "X-Chat-Token";

    public static void MapChatApi(this IEndpointRouteBuilder app)
    {
        // Outside the /api/v1 reference, as the contact form is: the widget is their one client, documented in docs/chat.md.
        var g = app.MapGroup("/chat").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        g.MapPost("/session", Session).RequireRateLimiting(SessionLimiter);
        g.MapGet("/messages", Lines);
        g.MapPost("/messages", Send);
        g.MapPost("/identify", Identify);
        g.MapPost("/typing", Typing);
    }

    /// <summary>The visitor is typing (the widget says so at most every few seconds): the agent's ticket page shows it.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Typing(HttpRequest request, [AsParameters] ChatServices s, ChatTyping typing, CancellationToken ct)
    {
        // Reports in a tight loop are answered without a database read; only a missing or foreign token is refused.
        var v = s.Tokens.Read(request.Headers[TokenHeader]);
        if (v is not null && !typing.Accepts(v.VisitorKey)) return TypedResults.NoContent();
        var (c, refused) = await VisitorAsync(request, s, ct);
        if (c is null) return refused!;
        if (c.TicketId is { } ticketId) typing.VisitorTyping(ticketId);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ChatSessionView>, ValidationProblem, ProblemHttpResult>> Session(HttpRequest request, [AsParameters] ChatServices s,
        ChatSessionInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Site) || !s.Options.Sites.TryGetValue(input.Site.Trim(), out var site))
            return Validation.Problem(("site", $"'{input.Site}' is not a chat site configured on this Touchpoint (Touchpoint:Chat:Sites)"));
        if (OriginRefused(request, site) is { } refused) return refused;
        var now = s.Clock.NowUtc;

        ChatConversation? c = null;
        if (s.Tokens.Read(input.Token) is { } old && old.Site == site.Key) c = await ChatIntake.FindAsync(s.Db, old.VisitorKey, ct);
        if (input.UserId is { Length: > 0 } userId)
        {
            if (userId.Length > 200) return Validation.Problem(("userId", "is longer than 200 characters"));
            if (site.IdentitySecret is null) return Validation.Problem(("userHash", $"site '{site.Key}' has no identity secret, so signed users cannot be accepted"));
            if (!VisitorSignature.Verify(site.IdentitySecret, userId, input.UserHash))
                return Validation.Problem(("userHash", "is not HMAC-SHA256 of userId with the site's identity secret"));
            var handle = new CustomerRef(IdentityKind.External, CustomerIdentity.Normalise(IdentityKind.External, userId));
            await using var tx = await s.Db.Database.BeginTransactionAsync(ct);
            // A conversation signed for someone else (a shared computer, a new sign-in) is not resumed: that person starts afresh.
            if (c is { Identity: VisitorIdentity.Signed } && !await SignedAsAsync(s.Db, c, handle, ct)) c = null;
            c ??= await ChatIntake.StartAsync(s.Db, site.Key, now, ct);
            if (await ChatIntake.IdentifyAsync(s.Db, c, handle, Clean(input.UserName), VisitorIdentity.Signed, now, ct) is not null)
            {
                // The kept conversation is another person's (an email typed earlier names someone else): start afresh.
                c = await ChatIntake.StartAsync(s.Db, site.Key, now, ct);
                await ChatIntake.IdentifyAsync(s.Db, c, handle, Clean(input.UserName), VisitorIdentity.Signed, now, ct);
            }
            await tx.CommitAsync(ct);
            if (c.TicketId is { } t) s.Notifier.Notify(t);
        }
        c ??= await ChatIntake.StartAsync(s.Db, site.Key, now, ct);
        return TypedResults.Ok(await ViewAsync(s, c, ct));
    }

    public static async Task<Results<Ok<ChatLinesView>, ProblemHttpResult>> Lines(HttpRequest request, [AsParameters] ChatServices s, long? after, CancellationToken ct)
    {
        var (c, refused) = await VisitorAsync(request, s, ct);
        if (c is null) return refused!;
        return TypedResults.Ok(new ChatLinesView(await ChatIntake.LinesAsync(s.Db, c, after ?? 0, ct)));
    }

    public static async Task<Results<Created<ChatLineReceipt>, Ok<ChatLineReceipt>, ValidationProblem, ProblemHttpResult>> Send(HttpRequest request,
        HttpResponse response, [AsParameters] ChatServices s, ChatTyping typing, ChatLineInput input, CancellationToken ct)
    {
        var (c, refused) = await VisitorAsync(request, s, ct);
        if (c is null) return refused!;
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(input.ClientId) || input.ClientId.Length > 64 || !input.ClientId.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
            errors.Add(("clientId", "is required: up to 64 letters, digits, '-' or '_' that name this line"));
        var (text, why) = ChatText.Check(input.Text);
        if (why is not null) errors.Add(("text", why));
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());

        var now = s.Clock.NowUtc;
        var open = s.Clock.Calendar.IsOpen(now);
        if (!open && !await HasEmailAsync(s.Db, c, ct))
            return Validation.Problem(("email", "nobody is in right now: leave your email first and we answer by email"));
        if (!s.Flood.TryTake(c.VisitorKey)) return TooFast(response, s.Flood);

        await using var tx = await s.Db.Database.BeginTransactionAsync(ct);
        var site = s.Options.Sites.GetValueOrDefault(c.Site);
        var r = await ChatIntake.VisitorLineAsync(s.Db, c, text!, input.ClientId!, !open, site?.TeamId, now, ct);
        await tx.CommitAsync(ct);
        var receipt = new ChatLineReceipt(r.Message.Id, r.Duplicate, c.FollowUpByEmail);
        if (r.Duplicate) return TypedResults.Ok(receipt);
        typing.VisitorSent(r.Ticket.Id, c.VisitorKey);
        s.Notifier.Notify(r.Ticket.Id);
        return TypedResults.Created($"/chat/messages?after={r.Message.Id - 1}", receipt);
    }

    public static async Task<Results<Ok<ChatSessionView>, ValidationProblem, ProblemHttpResult>> Identify(HttpRequest request, HttpResponse response,
        [AsParameters] ChatServices s, ChatIdentifyInput input, CancellationToken ct)
    {
        var (c, refused) = await VisitorAsync(request, s, ct);
        if (c is null) return refused!;
        var email = input.Email?.Trim() ?? "";
        var errors = new List<(string, string)>();
        if (email.Length is 0 or > 320 || !MimeKit.MailboxAddress.TryParse(email, out var a) || !a.Address.Contains('@') || a.Address != email)
            errors.Add(("email", "enter the email address we can answer you at"));
        if (input.Name is { Length: > ChatText.MaxNameLength }) errors.Add(("name", $"is longer than {ChatText.MaxNameLength} characters"));
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        if (!s.Flood.TryTake(c.VisitorKey)) return TooFast(response, s.Flood);

        var handle = new CustomerRef(IdentityKind.Email, CustomerIdentity.Normalise(IdentityKind.Email, email));
        await using var tx = await s.Db.Database.BeginTransactionAsync(ct);
        if (await ChatIntake.IdentifyAsync(s.Db, c, handle, Clean(input.Name), VisitorIdentity.Email, s.Clock.NowUtc, ct) is { } why)
            return Validation.Problem(("email", why));
        await tx.CommitAsync(ct);
        if (c.TicketId is { } t) s.Notifier.Notify(t);
        return TypedResults.Ok(await ViewAsync(s, c, ct, request.Headers[TokenHeader].ToString()));
    }

    /// <summary>The conversation the request's token opens, or the problem to answer with.</summary>
    internal static async Task<(ChatConversation?, ProblemHttpResult?)> VisitorAsync(HttpRequest request, ChatServices s, CancellationToken ct)
    {
        var v = s.Tokens.Read(request.Headers[TokenHeader]);
        var c = v is null ? null : await ChatIntake.FindAsync(s.Db, v.VisitorKey, ct);
        if (v is null || c is null || c.Site != v.Site)
            return (null, TypedResults.Problem(statusCode: 401, title: "Chat token refused",
                detail: $"the {TokenHeader} header is missing, not issued by this Touchpoint, or expired; start a new chat with POST /chat/session"));
        if (s.Options.Sites.TryGetValue(c.Site, out var site) && OriginRefused(request, site) is { } refused) return (null, refused);
        return (c, null);
    }

    /// <summary>Browsers always send Origin on these cross-origin calls; a page of another site is refused.</summary>
    private static ProblemHttpResult? OriginRefused(HttpRequest request, ChatSite site) =>
        request.Headers.Origin.ToString() is { Length: > 0 } origin && !site.Allows(origin)
            ? TypedResults.Problem(statusCode: 403, title: "Origin not allowed", detail: $"pages at {origin} may not use chat site '{site.Key}'")
            : null;

    private static ProblemHttpResult TooFast(HttpResponse response, ChatFlood flood)
    {
        response.Headers.RetryAfter = "10";
        return TypedResults.Problem(statusCode: 429, title: "Too many messages",
            detail: $"you are sending messages too fast (at most {flood.PerMinute} a minute); wait a few seconds and send again");
    }

    private static async Task<ChatSessionView> ViewAsync(ChatServices s, ChatConversation c, CancellationToken ct, string? token = null)
    {
        var customer = c.CustomerId is { } id ? await s.Db.Customers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        var open = s.Clock.Calendar.IsOpen(s.Clock.NowUtc);
        var hasEmail = customer?.Email is { Length: > 0 };
        var hours = s.Config["Touchpoint:BusinessHours"] is { Length: > 0 } h ? h : Metrics.WorkspaceCalendar.DefaultHours;
        var away = open ? null : $"We are away right now (our hours: {hours}, {s.Clock.Calendar.Zone.Id}). Leave your email and we will answer you by email.";
        return new ChatSessionView(token is { Length: > 0 } ? token : s.Tokens.Issue(new ChatVisitor(c.Site, c.VisitorKey)),
            c.Identity.ToString().ToLowerInvariant(), customer is null || c.Identity == VisitorIdentity.Anonymous ? null : customer.Name, hasEmail, open, away,
            !open && !hasEmail, await ChatIntake.LinesAsync(s.Db, c, 0, ct));
    }

    private static async Task<bool> HasEmailAsync(TouchpointDb db, ChatConversation c, CancellationToken ct) =>
        c.CustomerId is { } id && await db.Customers.AnyAsync(x => x.Id == id && x.Email != null && x.Email != "", ct);

    private static async Task<bool> SignedAsAsync(TouchpointDb db, ChatConversation c, CustomerRef handle, CancellationToken ct) =>
        await db.CustomerIdentities.AnyAsync(i => i.Kind == handle.Kind && i.Value == handle.Value && i.CustomerId == c.CustomerId, ct);

    private static string? Clean(string? name) =>
        name is null ? null : Domain.Service.Channels.ChannelText.Clean(name.Trim()) is { Length: > 0 and <= ChatText.MaxNameLength } n ? n : null;
}
