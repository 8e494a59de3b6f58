using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Channels;

namespace Touchpoint.Web.Features.Service.Routing;

/// <summary>The names the rule builder offers in its lists (teams, agents, macros, custom fields, mailboxes).</summary>
public sealed record RoutingChoices(
    IReadOnlyList<(long Id, string Name)> Teams,
    IReadOnlyList<AgentRoutingDto> Agents,
    IReadOnlyList<(long Id, string Name)> Macros,
    IReadOnlyList<string> FieldKeys,
    IReadOnlyList<(long Id, string Name)> Mailboxes)
{
    public static async Task<RoutingChoices> LoadAsync(TouchpointDb db, CancellationToken ct) => new(
        (await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct)).Select(t => (t.Id, t.Name)).ToList(),
        await AgentRoutingApi.AgentsAsync(db, null, ct),
        (await db.Macros.AsNoTracking().OrderBy(m => m.Name).Select(m => new { m.Id, m.Name }).ToListAsync(ct)).Select(m => (m.Id, m.Name)).ToList(),
        await db.CustomFields.AsNoTracking().OrderBy(f => f.Key).Select(f => f.Key).ToListAsync(ct),
        (await db.Set<Mailbox>().AsNoTracking().OrderBy(m => m.Address).Select(m => new { m.Id, m.Address }).ToListAsync(ct)).Select(m => (m.Id, m.Address)).ToList());
}
