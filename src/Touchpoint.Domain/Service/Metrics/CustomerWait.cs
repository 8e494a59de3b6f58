namespace Touchpoint.Domain.Service.Metrics;

/// <summary>
/// One stretch of time a customer waited for a person's answer. It starts at the customer's first unanswered
/// message, or at a bot's hand-over; it ends with a person's public reply (<see cref="RespondedAtUtc"/>), or without
/// one when the ticket is solved (<see cref="DroppedAtUtc"/>), or is still running (both null).
/// </summary>
/// <param name="IsFirst">No person had replied on the ticket before this wait: its answer is the first response.</param>
public sealed record CustomerWait(DateTime StartUtc, bool IsFirst, DateTime? RespondedAtUtc, long? ResponderId, DateTime? DroppedAtUtc)
{
    public bool IsAnswered => RespondedAtUtc is not null;
    public bool IsOpen => RespondedAtUtc is null && DroppedAtUtc is null;

    /// <summary>When the wait stopped, for whatever reason; null while it runs.</summary>
    public DateTime? EndUtc => RespondedAtUtc ?? DroppedAtUtc;

    /// <summary>
    /// The waits of a ticket, from its thread and state history, in order.
    /// <list type="bullet">
    /// <item>A customer message starts a wait unless the customer is already waiting (later messages of the same
    /// wait do not restart it). Automatic messages (out-of-office replies) never start one.</item>
    /// <item>A person's public reply (<see cref="TicketHistory.IsResponse"/>) ends the wait. With no one waiting it is
    /// a proactive message, not a response: an agent who writes first starts no clock.</item>
    /// <item>A bot's public message while the customer waits moves the start to that message (the bot answered; if it
    /// then hands over, the person is measured from the hand-over). A customer message after the bot's restarts the
    /// wait at that message.</item>
    /// <item>Internal notes and system messages are ignored. Solving or closing the ticket drops a running wait
    /// without a response ("thanks!" needs no answer); a reopen starts nothing by itself, the customer's message does.</item>
    /// </list>
    /// Messages come before state changes at the same instant, so a reply sent with "solve" still counts.
    /// </summary>
    public static IReadOnlyList<CustomerWait> Of(TicketHistory history)
    {
        var waits = new List<CustomerWait>();
        DateTime? since = null;
        var sinceBot = false;
        var answered = false;
        var resolutions = history.Resolutions().ToList();
        var r = 0;
        foreach (var m in history.Messages)
        {
            for (; r < resolutions.Count && resolutions[r] < m.CreatedAtUtc; r++)
                if (since is { } s0)
                {
                    waits.Add(new CustomerWait(s0, !answered, null, null, resolutions[r]));
                    since = null;
                }
            if (m.IsInternal || m.IsAutomatic && m.Author != AuthorKind.Bot) continue;
            switch (m.Author)
            {
                case AuthorKind.Customer when since is null || sinceBot:
                    (since, sinceBot) = (m.CreatedAtUtc, false);
                    break;
                case AuthorKind.Bot when since is not null:
                    (since, sinceBot) = (m.CreatedAtUtc, true);
                    break;
                case AuthorKind.Agent when since is { } s:
                    waits.Add(new CustomerWait(s, !answered, m.CreatedAtUtc, m.AuthorUserId, null));
                    (since, answered) = (null, true);
                    break;
            }
        }
        for (; since is { } s1 && r < resolutions.Count; r++)
            if (resolutions[r] >= s1)
            {
                waits.Add(new CustomerWait(s1, !answered, null, null, resolutions[r]));
                since = null;
            }
        if (since is { } open) waits.Add(new CustomerWait(open, !answered, null, null, null));
        return waits;
    }
}
