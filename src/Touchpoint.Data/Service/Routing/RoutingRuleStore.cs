using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Service.Channels;
using Touchpoint.Domain.Service.Routing;

namespace Touchpoint.Data.Service.Routing;

/// <summary>Saving, ordering and deleting rules, with <see cref="RuleValidator"/> checked against what the store holds.</summary>
public static class RoutingRuleStore
{
    public static async Task<RuleReferences> ReferencesAsync(TouchpointDb db, CancellationToken ct) => new(
        (await db.Teams.AsNoTracking().Select(t => t.Id).ToListAsync(ct)).ToHashSet(),
        (await db.Users.AsNoTracking().Where(u => u.IsActive && (u.Role == Roles.Agent || u.Role == Roles.Admin)).Select(u => u.Id).ToListAsync(ct)).ToHashSet(),
        (await db.Macros.AsNoTracking().Select(m => m.Id).ToListAsync(ct)).ToHashSet(),
        (await db.Set<Mailbox>().AsNoTracking().Select(m => m.Id).ToListAsync(ct)).ToHashSet(),
        await db.CustomFields.AsNoTracking().ToDictionaryAsync(f => f.Key, ct));

    /// <summary>Checks the input and writes it onto the rule (new rules go last); nothing is saved when problems come back.</summary>
    public static async Task<IReadOnlyList<FieldError>> SaveAsync(TouchpointDb db, RoutingRule rule, RuleInput input, DateTime nowUtc, CancellationToken ct)
    {
        var check = RuleValidator.Check(input, await ReferencesAsync(db, ct));
        var errors = check.Errors.ToList();
        var name = input.Name?.Trim() ?? "";
        if (errors.Count == 0 && await db.Set<RoutingRule>().AnyAsync(r => r.Name == name && r.Id != rule.Id, ct))
            errors.Add(new("name", "another rule has this name"));
        if (errors.Count > 0) return errors;

        rule.Name = name;
        rule.Trigger = input.Trigger!.Trim().ToLowerInvariant();
        rule.AfterMinutes = input.AfterMinutes;
        rule.Match = input.Match ?? RuleMatch.All;
        rule.IsActive = input.IsActive ?? true;
        rule.ConditionsJson = RoutingRule.Write(check.Conditions);
        rule.ActionsJson = RoutingRule.Write(check.Actions);
        rule.UpdatedAtUtc = nowUtc;
        if (rule.Id == 0)
        {
            rule.CreatedAtUtc = nowUtc;
            rule.Position = (await db.Set<RoutingRule>().MaxAsync(r => (int?)r.Position, ct) ?? 0) + 1;
            db.Set<RoutingRule>().Add(rule);
        }
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Puts the rules in the given order (positions 1, 2, 3...); the list must name every rule once.</summary>
    public static async Task<FieldError?> ReorderAsync(TouchpointDb db, IReadOnlyList<long> ids, CancellationToken ct)
    {
        var rules = await db.Set<RoutingRule>().ToListAsync(ct);
        var missing = rules.Select(r => r.Id).Except(ids).ToList();
        var unknown = ids.Except(rules.Select(r => r.Id)).ToList();
        if (unknown.Count > 0) return new("ids", "no rule has id " + string.Join(", ", unknown));
        if (ids.Distinct().Count() != ids.Count) return new("ids", "each rule may appear once");
        if (missing.Count > 0) return new("ids", "the order must name every rule; missing: " + string.Join(", ", missing));
        for (var i = 0; i < ids.Count; i++) rules.First(r => r.Id == ids[i]).Position = i + 1;
        await db.SaveChangesAsync(ct);
        return null;
    }
}
