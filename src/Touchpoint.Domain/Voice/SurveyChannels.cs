namespace Touchpoint.Domain.Voice;

/// <summary>Which channel a survey invitation travels by.</summary>
public static class SurveyChannels
{
    /// <summary>A trigger or hook with this channel asks on the ticket's own channel (see <see cref="ForTicket"/>).</summary>
    public const string Ticket = "ticket";

    /// <summary>
    /// The channel the CSAT question after a solve goes out on: the ticket's own channel when that channel can carry
    /// a message later (email: a reply in the thread; chat, in-app, SMS: shown there). A conversation that is over
    /// when the ticket is solved (phone, in person, a store visit, the contact form, social, API) falls back to email,
    /// which the dispatcher suppresses with "no email address" when the customer has none.
    /// </summary>
    public static string ForTicket(string? ticketChannel) => (ticketChannel ?? "").Trim().ToLowerInvariant() switch
    {
        "email" => "email",
        "chat" => "chat",
        "in_app" => "in_app",
        "sms" => "sms",
        _ => "email",
    };

    /// <summary>
    /// The distribution channel response rates are reported by: email, link, widget or after-solve (a ticket's CSAT,
    /// whatever it travelled by); other channels (chat, SMS, ...) by their own name.
    /// </summary>
    public static string Distribution(string channel, long? ticketId) => ticketId is not null ? "after-solve" : channel;
}
