using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Service.Routing;

namespace Touchpoint.Data.Service.Routing;

/// <summary>
/// The part of routing that does not run on the write path: rules on solves and time triggers ("pending for 24 h").
/// One pass (<see cref="RunOnceAsync"/>) reads everything from the store, so a restart neither misses nor repeats:
/// solves are read from the state history after a stored cursor (every path that solves a ticket is covered without
/// a hook of its own), and each firing is stored with its episode under a unique (rule, ticket, episode) index.
/// </summary>
/// <param name="pageSize">Rows read per query; every due ticket is looked at each pass, page after page.</param>
public sealed class RoutingScheduler(TouchpointDbFactory factory, TimeProvider clock, int pageSize = 500)
{
    public const string SolvedCursor = "solved_events";

    /// <summary>At most this many due tickets per rule and pass; the rest wait for the next pass.</summary>
    public const int MaxDuePerRule = 20_000;

    /// <summary>Starts the solve cursor at the newest state change, so a new install does not act on old solves.</summary>
    public async Task InitialiseAsync(CancellationToken ct)
    {
        await using var db = factory.Create();
        if (await db.Set<RoutingCursor>().AnyAsync(c => c.Key == SolvedCursor, ct)) return;
        var last = await db.TicketStatusChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        db.Set<RoutingCursor>().Add(new RoutingCursor { Key = SolvedCursor, Value = last });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { /* another process started it first: its cursor stands */ }
    }

    /// <summary>One pass: solved rules for solves since the cursor, then every due time trigger. Returns rules fired.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await InitialiseAsync(ct);
        return await RunSolvedAsync(ct) + await RunTimedAsync(ct);
    }

    private async Task<int> RunSolvedAsync(CancellationToken ct)
    {
        await using var db = factory.Create();
        var rules = await db.Set<RoutingRule>().AsNoTracking().Where(r => r.IsActive && r.Trigger == RuleTriggers.Solved).ToListAsync(ct);
        var cursor = await db.Set<RoutingCursor>().FirstAsync(c => c.Key == SolvedCursor, ct);
        var solves = await db.TicketStatusChanges.AsNoTracking().Where(c => c.Id > cursor.Value && c.To == TicketStatus.Solved)
            .OrderBy(c => c.Id).Take(pageSize).ToListAsync(ct);
        var fired = 0;
        foreach (var solve in solves)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var ticket = await db.Tickets.FirstAsync(t => t.Id == solve.TicketId, ct);
            if (rules.Count > 0 && ticket.MergedIntoId is null)
            {
                var facts = await RoutingFactsLoader.LoadAsync(db, ticket, null, null, ct);
                foreach (var matched in RuleMatcher.Plan(rules, RuleTriggers.Solved, facts))
                {
                    if (await FiredAsync(db, matched.Rule.Id, ticket.Id, solve.AtUtc, ct)) continue;
                    await FireAsync(db, ticket, matched, solve.AtUtc, ct);
                    fired++;
                }
            }
            cursor.Value = solve.Id;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return fired;
    }

    private async Task<int> RunTimedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = factory.Create();
        var rules = await db.Set<RoutingRule>().AsNoTracking().Where(r => r.IsActive && RuleTriggers.Timed.Contains(r.Trigger) && r.AfterMinutes != null)
            .OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(ct);
        var due = new List<(RoutingRule Rule, long TicketId)>();
        foreach (var rule in rules)
        {
            // Page by id: tickets that are due but do not match the conditions stay due (they may match later in
            // the episode), so a single page could otherwise hide every ticket behind them.
            var after = 0L;
            for (var seen = 0; seen < MaxDuePerRule;)
            {
                var page = await DueTicketsAsync(db, rule, now, after, ct);
                due.AddRange(page.Select(id => (rule, id)));
                if (page.Count < pageSize) break;
                after = page[^1];
                seen += page.Count;
            }
        }

        var fired = 0;
        foreach (var ticketRules in due.GroupBy(d => d.TicketId))
        {
            foreach (var (rule, _) in ticketRules)
            {
                // Re-read inside the transaction: an earlier rule of this pass may have changed the ticket.
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var ticket = await db.Tickets.FirstAsync(t => t.Id == ticketRules.Key, ct);
                var state = await TimeStateAsync(db, ticket, ct);
                if (TimeTriggers.DueEpisode(rule, state, now) is not { } episode || await FiredAsync(db, rule.Id, ticket.Id, episode, ct)) continue;
                var facts = await RoutingFactsLoader.LoadAsync(db, ticket, null, null, ct);
                if (!RuleMatcher.Matches(rule, facts)) continue;
                try
                {
                    await FireAsync(db, ticket, new MatchedRule(rule, rule.Actions), episode, ct, now);
                    await tx.CommitAsync(ct);
                }
                catch (DbUpdateException) when (!ct.IsCancellationRequested)
                {
                    // A parallel pass stored this firing first (the unique index): it has done the work.
                    continue;
                }
                fired++;
                if (rule.Actions.Any(a => a.Type == RuleActionTypes.Stop)) break;
            }
        }
        return fired;
    }

    /// <summary>Tickets in the rule's state since at least its duration that it has not fired on for this episode.</summary>
    private async Task<List<long>> DueTicketsAsync(TouchpointDb db, RoutingRule rule, DateTime now, long afterId, CancellationToken ct)
    {
        var cutoff = now.AddMinutes(-rule.AfterMinutes!.Value);
        var firings = db.Set<RuleFiring>();
        var tickets = db.Tickets.AsNoTracking().Where(t => t.MergedIntoId == null && t.Id > afterId);
        if (rule.Trigger == RuleTriggers.UnassignedFor)
            return await tickets.Where(t => t.AssigneeId == null && (t.Status == TicketStatus.New || t.Status == TicketStatus.Open))
                .Select(t => new { t.Id, Since = db.TicketAudit.Where(a => a.TicketId == t.Id && a.Property == "assignee").Max(a => (DateTime?)a.AtUtc) ?? t.CreatedAtUtc })
                .Where(x => x.Since <= cutoff && !firings.Any(f => f.RuleId == rule.Id && f.TicketId == x.Id && f.EpisodeUtc == x.Since))
                .OrderBy(x => x.Id).Select(x => x.Id).Take(pageSize).ToListAsync(ct);
        var status = rule.Trigger == RuleTriggers.PendingFor ? TicketStatus.Pending : TicketStatus.Solved;
        return await tickets.Where(t => t.Status == status)
            .Select(t => new { t.Id, Since = db.TicketStatusChanges.Where(c => c.TicketId == t.Id).Max(c => c.AtUtc) })
            .Where(x => x.Since <= cutoff && !firings.Any(f => f.RuleId == rule.Id && f.TicketId == x.Id && f.EpisodeUtc == x.Since))
            .OrderBy(x => x.Id).Select(x => x.Id).Take(pageSize).ToListAsync(ct);
    }

    internal static async Task<TicketTimeState> TimeStateAsync(TouchpointDb db, Ticket ticket, CancellationToken ct)
    {
        var since = await db.TicketStatusChanges.Where(c => c.TicketId == ticket.Id).MaxAsync(c => (DateTime?)c.AtUtc, ct) ?? ticket.CreatedAtUtc;
        DateTime? unassigned = ticket.AssigneeId is not null ? null
            : await db.TicketAudit.Where(a => a.TicketId == ticket.Id && a.Property == "assignee").MaxAsync(a => (DateTime?)a.AtUtc, ct) ?? ticket.CreatedAtUtc;
        return new TicketTimeState(ticket.Status, since, unassigned, ticket.MergedIntoId is not null);
    }

    private static Task<bool> FiredAsync(TouchpointDb db, long ruleId, long ticketId, DateTime episode, CancellationToken ct) =>
        db.Set<RuleFiring>().AnyAsync(f => f.RuleId == ruleId && f.TicketId == ticketId && f.EpisodeUtc == episode, ct);

    private async Task FireAsync(TouchpointDb db, Ticket ticket, MatchedRule matched, DateTime episode, CancellationToken ct, DateTime? at = null)
    {
        var now = at ?? clock.GetUtcNow().UtcDateTime;
        db.Set<RuleFiring>().Add(new RuleFiring { RuleId = matched.Rule.Id, TicketId = ticket.Id, EpisodeUtc = episode, FiredAtUtc = now });
        await TicketRouting.ApplyRuleAsync(db, ticket, matched, now, ct);
    }
}
