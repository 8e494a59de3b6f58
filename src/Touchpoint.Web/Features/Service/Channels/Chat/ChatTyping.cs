using System.Collections.Concurrent;

namespace Touchpoint.Web.Features.Service.Channels.Chat;

/// <summary>
/// Which chat visitors are typing right now, by ticket, kept in memory: the widget reports typing at most every few
/// seconds while its box has text, and the agent's ticket page shows "visitor is typing" for <see cref="Shown"/> after
/// the last report, or until the line arrives. (The other way, the agent typing, is the ticket's presence: see
/// <see cref="ChatRelay"/>.) Nothing here needs to survive a restart.
/// </summary>
public sealed class ChatTyping(TimeProvider clock)
{
    /// <summary>How long one report shows; the widget reports again well within it while the visitor keeps typing.</summary>
    public static readonly TimeSpan Shown = TimeSpan.FromSeconds(6);

    /// <summary>Reports closer together than this from one visitor are not looked at (no database read, no event).</summary>
    private static readonly TimeSpan MinGap = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<long, DateTime> _byTicket = new();
    private readonly ConcurrentDictionary<string, DateTime> _byVisitor = new();

    /// <summary>Raised with the ticket id when its visitor reports typing or sends (stopping is seen by time).</summary>
    public event Action<long>? Changed;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Whether a report from this visitor is worth handling now; a visitor reporting in a tight loop gets false.</summary>
    public bool Accepts(string visitorKey)
    {
        var now = Now;
        if (_byVisitor.TryGetValue(visitorKey, out var last) && now - last < MinGap) return false;
        _byVisitor[visitorKey] = now;
        if (_byVisitor.Count > 10_000) Forget(_byVisitor, now);
        return true;
    }

    /// <summary>Every report is raised (each page then clears its indicator <see cref="Shown"/> after the last one).</summary>
    public void VisitorTyping(long ticketId)
    {
        var now = Now;
        _byTicket[ticketId] = now;
        if (_byTicket.Count > 10_000) Forget(_byTicket, now);
        Changed?.Invoke(ticketId);
    }

    /// <summary>The visitor's line arrived: the indicator goes at once, and the next report (a new line begun) is taken at once.</summary>
    public void VisitorSent(long ticketId, string visitorKey)
    {
        _byVisitor.TryRemove(visitorKey, out _);
        if (_byTicket.TryRemove(ticketId, out _)) Changed?.Invoke(ticketId);
    }

    public bool IsVisitorTyping(long ticketId) => _byTicket.TryGetValue(ticketId, out var at) && Now - at < Shown;

    private static void Forget<TKey>(ConcurrentDictionary<TKey, DateTime> seen, DateTime now) where TKey : notnull
    {
        foreach (var (key, at) in seen)
            if (now - at > Shown) seen.TryRemove(key, out _);
    }
}
