using System.Security.Claims;
using Touchpoint.Data.Service.Sla;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Metrics;
using Touchpoint.Domain.Service.Sla;
using Touchpoint.Web.Features.Service.Metrics;

namespace Touchpoint.Web.Features.Service.Workspace;

/// <summary>
/// The workspace's calendar, SLA policies and "now" in one place, so the inbox, the ticket page, the views API,
/// the escalation scanner and the metrics judge a ticket's SLA the same way.
/// </summary>
public sealed class ServiceClock(IConfiguration config, TimeProvider time)
{
    public BusinessCalendar Calendar => WorkspaceCalendar.From(config);
    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The stored policies, read per request rather than cached: the table is a handful of rows, and a cache would
    /// have to be told about edits made by another process on the same store.
    /// </summary>
    public Task<SlaPolicyBook> BookAsync(TouchpointDb db, CancellationToken ct) => SlaPolicies.BookAsync(db, Calendar, ct);
}

/// <summary>The signed-in person behind a request or a circuit; API keys act for nobody.</summary>
public static class Actor
{
    public static long? UserId(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string Name(ClaimsPrincipal user) =>
        user.FindFirst("tp:display_name")?.Value is { Length: > 0 } n ? n : user.Identity?.Name ?? "An agent";
}
