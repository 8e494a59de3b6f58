using System.Security.Claims;
using Touchpoint.Domain.Service.Metrics;
using Touchpoint.Web.Features.Service.Metrics;

namespace Touchpoint.Web.Features.Service.Workspace;

/// <summary>
/// The workspace's calendar, SLA policy and "now" in one place, so the inbox, the ticket page, the views API and
/// the metrics judge a ticket's SLA the same way.
/// </summary>
public sealed class ServiceClock(IConfiguration config, TimeProvider time)
{
    public BusinessCalendar Calendar => WorkspaceCalendar.From(config);
    public SlaPolicy Policy => SlaPolicy.Default;
    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    public TicketSlaState SlaOf(TicketHistory history) => TicketSlaState.Of(history, Calendar, Policy, NowUtc);
}

/// <summary>The signed-in person behind a request or a circuit; API keys act for nobody.</summary>
public static class Actor
{
    public static long? UserId(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string Name(ClaimsPrincipal user) =>
        user.FindFirst("tp:display_name")?.Value is { Length: > 0 } n ? n : user.Identity?.Name ?? "An agent";
}
