namespace Touchpoint.Web.Features.Service.Workspace;

/// <summary>
/// Tells interactive pages that a ticket changed (a message, a status, a property), whoever changed it: the API,
/// another agent's circuit, a channel. A singleton with a plain event is enough inside one Blazor Server process:
/// every circuit lives here, so no SignalR hub is needed. Subscribers must marshal onto their own renderer
/// (InvokeAsync) and unsubscribe when disposed.
/// </summary>
public sealed class TicketChangeNotifier
{
    public event Action<long>? Changed;

    public void Notify(long ticketId) => Changed?.Invoke(ticketId);

    public void Notify(IEnumerable<long> ticketIds)
    {
        foreach (var id in ticketIds.Distinct()) Notify(id);
    }
}
