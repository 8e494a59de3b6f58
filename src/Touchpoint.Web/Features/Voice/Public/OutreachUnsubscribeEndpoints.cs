using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Web.Features.Voice.Public;

/// <summary>
/// The unsubscribe link of outreach email (/u/{token}): the page asks for a click (a mail scanner following links must
/// not unsubscribe anyone), the form post records the unsubscribe that every survey and message honours. Public,
/// rate limited with the answer page; the token is the message's own random token.
/// </summary>
public static class OutreachUnsubscribeEndpoints
{
    public static IEndpointRouteBuilder MapOutreachUnsubscribe(this IEndpointRouteBuilder app)
    {
        app.MapGet("/u/{token}", Show).AllowAnonymous().RequireRateLimiting(PublicSurveyEndpoints.Limiter).ExcludeFromDescription();
        app.MapPost("/u/{token}", Unsubscribe).AllowAnonymous().RequireRateLimiting(PublicSurveyEndpoints.Limiter).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static Task<OutreachMessage?> FindAsync(TouchpointDb db, string token, CancellationToken ct) =>
        token.Length is 0 or > 100 ? Task.FromResult<OutreachMessage?>(null) : db.Set<OutreachMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Token == token, ct);

    private static async Task<IResult> Show(TouchpointDb db, string token, CancellationToken ct)
    {
        if (await FindAsync(db, token, ct) is null) return Page("Link not valid", "This unsubscribe link is not valid.", null, StatusCodes.Status404NotFound);
        return Page("Unsubscribe", "Do you want to stop receiving our surveys and messages?", $"/u/{Uri.EscapeDataString(token)}", StatusCodes.Status200OK);
    }

    private static async Task<IResult> Unsubscribe(TouchpointDb db, TimeProvider clock, string token, CancellationToken ct)
    {
        var m = await FindAsync(db, token, ct);
        if (m is null) return Page("Link not valid", "This unsubscribe link is not valid.", null, StatusCodes.Status404NotFound);
        if (!await db.VoiceUnsubscribes.AnyAsync(u => u.CustomerId == m.CustomerId, ct))
        {
            db.VoiceUnsubscribes.Add(new VoiceUnsubscribe { CustomerId = m.CustomerId, AtUtc = clock.GetUtcNow().UtcDateTime, Source = "outreach-link" });
            await db.SaveChangesAsync(ct);
        }
        return Page("Unsubscribed", "You are unsubscribed: you will get no more surveys or messages from us.", null, StatusCodes.Status200OK);
    }

    private static IResult Page(string title, string text, string? action, int status)
    {
        var h = HtmlEncoder.Default;
        var form = action is null ? "" : $"""<form method="post" action="{h.Encode(action)}"><button type="submit" data-testid="unsubscribe">Unsubscribe</button></form>""";
        var html = $$"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>{{h.Encode(title)}}</title><style>body{font:17px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}
            button{font:inherit;padding:.6rem 1.2rem;min-height:44px;background:#1f4e79;color:#fff;border:0;border-radius:6px}</style></head>
            <body><h1>{{h.Encode(title)}}</h1><p>{{h.Encode(text)}}</p>{{form}}</body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
