using System.Collections.Concurrent;

namespace Touchpoint.Web.Features.Service.Workspace;

public enum PresenceActivity { Viewing = 0, Replying = 1 }

/// <summary>Someone with a ticket open, in one browser tab (circuit).</summary>
public sealed record TicketViewer(string SessionId, long? UserId, string Name, PresenceActivity Activity, DateTime SinceUtc);

/// <summary>
/// Who has which ticket open right now, kept in memory and updated by the circuits (join on open, replying while
/// the reply box has text, leave on navigation or disconnect). Collision notices read it: "Ana is also replying".
/// In memory is right for one server process; nothing here needs to survive a restart.
/// </summary>
public sealed class TicketPresence
{
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<string, TicketViewer>> _byTicket = new();

    /// <summary>Raised with the ticket id whenever someone joins, leaves or starts or stops replying.</summary>
    public event Action<long>? Changed;

    public void Join(long ticketId, string sessionId, long? userId, string name) =>
        Set(ticketId, new TicketViewer(sessionId, userId, name, PresenceActivity.Viewing, DateTime.UtcNow));

    public void SetActivity(long ticketId, string sessionId, PresenceActivity activity)
    {
        if (_byTicket.TryGetValue(ticketId, out var viewers) && viewers.TryGetValue(sessionId, out var v) && v.Activity != activity)
            Set(ticketId, v with { Activity = activity });
    }

    public void Leave(long ticketId, string sessionId)
    {
        if (_byTicket.TryGetValue(ticketId, out var viewers) && viewers.TryRemove(sessionId, out _)) Changed?.Invoke(ticketId);
    }

    /// <summary>The others on a ticket: everyone but this tab, and not the same person in another tab.</summary>
    public IReadOnlyList<TicketViewer> Others(long ticketId, string sessionId, long? userId) =>
        _byTicket.TryGetValue(ticketId, out var viewers)
            ? viewers.Values.Where(v => v.SessionId != sessionId && (userId is null || v.UserId != userId))
                .GroupBy(v => v.UserId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? v.SessionId)
                .Select(g => g.OrderByDescending(v => v.Activity).First()).OrderBy(v => v.SinceUtc).ToList()
            : [];

    /// <summary>Whether anyone with the ticket open is writing a reply (a chat visitor is told "agent is typing").</summary>
    public bool AnyoneReplying(long ticketId) =>
        _byTicket.TryGetValue(ticketId, out var viewers) && viewers.Values.Any(v => v.Activity == PresenceActivity.Replying);

    /// <summary>"Ana is also viewing", "Ana and Rui are also replying": the notice for a list of others.</summary>
    public static string Notice(IReadOnlyList<TicketViewer> others)
    {
        if (others.Count == 0) return "";
        var replying = others.Where(o => o.Activity == PresenceActivity.Replying).Select(o => o.Name).ToList();
        var viewing = others.Where(o => o.Activity == PresenceActivity.Viewing).Select(o => o.Name).ToList();
        var parts = new List<string>();
        if (replying.Count > 0) parts.Add($"{Names(replying)} {(replying.Count == 1 ? "is" : "are")} also replying");
        if (viewing.Count > 0) parts.Add($"{Names(viewing)} {(viewing.Count == 1 ? "is" : "are")} also viewing");
        return string.Join("; ", parts);
    }

    private static string Names(List<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];

    private void Set(long ticketId, TicketViewer viewer)
    {
        _byTicket.GetOrAdd(ticketId, _ => new())[viewer.SessionId] = viewer;
        Changed?.Invoke(ticketId);
    }
}
