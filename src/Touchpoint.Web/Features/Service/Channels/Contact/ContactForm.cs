using Microsoft.AspNetCore.Antiforgery;
using Touchpoint.Data.Service.Channels;
using Touchpoint.Data.Store;

namespace Touchpoint.Web.Features.Service.Channels.Contact;

/// <summary>
/// POST /contact/send: the public contact form. Anonymous and therefore guarded three ways: the antiforgery token of the
/// form page, a per-address rate limit, and a honeypot field ("website", hidden from people) that bots fill in: such a
/// submission is answered like a success and stored nowhere. Errors go back to the page as readable messages.
/// </summary>
public static class ContactForm
{
    public const string Limiter = "channels-contact";

    public static void MapContactForm(this IEndpointRouteBuilder app) =>
        app.MapPost("/contact/send", Submit).AllowAnonymous().RequireRateLimiting(Limiter).ExcludeFromDescription();

    /// <summary>
    /// The antiforgery check is made here rather than by form binding, so a stale or forged token gets the page back
    /// with a readable message (and a 400) instead of a bare error.
    /// </summary>
    private static async Task<IResult> Submit(HttpContext http, IAntiforgery antiforgery, TouchpointDbFactory dbs, TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
            return Results.Content(Page("The form had expired. Please open the contact page again and resend your message."), "text/html", statusCode: 400);
        var form = await http.Request.ReadFormAsync(ct);
        string? F(string key) => form.TryGetValue(key, out var v) ? v.ToString() : null;
        var (name, email, subject, message, website) = (F("name"), F("email"), F("subject"), F("message"), F("website"));
        if (!string.IsNullOrEmpty(website))
        {
            logs.CreateLogger("Touchpoint.Contact").LogInformation("Contact form honeypot filled: submission dropped");
            return Results.LocalRedirect("/contact?sent=1");
        }
        var error = Check(name, email, subject, message);
        if (error is not null) return Results.LocalRedirect($"/contact?error={error}");
        await using var db = dbs.Create();
        await ContactIntake.FormAsync(db, name ?? "", email!.Trim(), subject!, message!, clock.GetUtcNow().UtcDateTime, ct);
        return Results.LocalRedirect("/contact?sent=1");
    }

    private static string? Check(string? name, string? email, string? subject, string? message)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 320 || !MimeKit.MailboxAddress.TryParse(email.Trim(), out var a) || !a.Address.Contains('@') || a.Address != email.Trim())
            return "email";
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > 200) return "subject";
        if (string.IsNullOrWhiteSpace(message) || message.Length > 10_000) return "message";
        if (name is { Length: > 200 }) return "name";
        return null;
    }

    private static string Page(string text) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Contact us</title></head><body><p role=\"alert\">{System.Net.WebUtility.HtmlEncode(text)}</p><p><a href=\"/contact\">Back to the contact form</a></p></body></html>";

    public static string? Explain(string? error) => error switch
    {
        "email" => "Enter the email address we can answer you at.",
        "subject" => "Say in a few words what it is about (at most 200 characters).",
        "message" => "Write your message (at most 10,000 characters).",
        "name" => "Your name is longer than 200 characters.",
        null or "" => null,
        _ => "Something went wrong. Please try again.",
    };
}
