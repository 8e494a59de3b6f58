using Touchpoint.Domain.Journeys.Maps;

namespace Touchpoint.Domain.Journeys.Friction;

public enum FrictionKind { Touchpoint, PromiseMissed, RepeatContact, OverTarget, RepeatedStep }

/// <summary>
/// Where a customer stands with respect to a condition: in the affected group or not, and the moment from which
/// "what happened next" is measured.
/// </summary>
public readonly record struct Exposure(bool Affected, DateTime AtUtc);

/// <summary>
/// A moment of the journey whose effect is measured: a touchpoint type, or a derived condition. <see cref="Expose"/>
/// returns null for customers the condition does not apply to (no delivery, no ticket, never reached the stage).
/// </summary>
public sealed record FrictionCondition(string Key, string Label, FrictionKind Kind, long OwnerTeamId, Func<FrictionCustomer, Exposure?> Expose);

/// <summary>The conditions friction analysis looks at for one journey.</summary>
public static class FrictionConditions
{
    public const string PromiseMissedKey = "promise_missed";
    public const string RepeatContactKey = "repeat_contact";
    public const string ContactType = "ticket.created";

    /// <summary>
    /// Every observed touchpoint type (survey answers excluded: they are the outcome being measured), plus: a promise
    /// missed (an event with days late &gt; 0), a second contact about the same thing, each stage target overrun, and
    /// each non-repeatable journey touchpoint that happened twice. Owners come from the journey; 0 when it does not map the type.
    /// </summary>
    public static IReadOnlyList<FrictionCondition> For(JourneyDefinition journey, IEnumerable<string> observedTypes)
    {
        long Owner(string type) => journey.TouchpointOf(type)?.OwnerTeamId ?? 0;
        var list = new List<FrictionCondition>();
        foreach (var type in observedTypes.Distinct().Order(StringComparer.Ordinal))
        {
            if (type.StartsWith("survey.", StringComparison.Ordinal)) continue;
            list.Add(new($"touchpoint:{type}", $"Had {type}", FrictionKind.Touchpoint, Owner(type), c => FirstOf(c, type)));
        }

        var promised = journey.Stages.SelectMany(s => s.Touchpoints).FirstOrDefault(t => t.EventType == "order.delivered")?.OwnerTeamId ?? 0;
        list.Add(new(PromiseMissedKey, "Promise missed (delivered later than promised)", FrictionKind.PromiseMissed, promised, PromiseMissed));
        list.Add(new(RepeatContactKey, "Contacted support again about the same thing", FrictionKind.RepeatContact, Owner(ContactType), RepeatContact));

        foreach (var target in journey.Targets)
        {
            var to = journey.Stages[journey.IndexOf(target.ToStage)];
            list.Add(new($"over_target:{target.FromStage}:{target.ToStage}", $"{Title(target.FromStage)} to {target.ToStage} took longer than {target.MaxDays:0.#} days",
                FrictionKind.OverTarget, MainOwner(to), c => OverTarget(c, journey, target)));
        }
        foreach (var t in journey.Stages.SelectMany(s => s.Touchpoints).Where(t => !t.Repeatable && t.EventType != ContactType))
            list.Add(new($"repeated:{t.EventType}", $"{t.EventType} happened more than once", FrictionKind.RepeatedStep, t.OwnerTeamId, c => Repeated(c, t.EventType)));
        return list;
    }

    /// <summary>Affected at the first event of the type; everyone else from their first event of any type.</summary>
    private static Exposure? FirstOf(FrictionCustomer c, string type)
    {
        if (c.Events.Count == 0) return null;
        var hit = c.Events.Where(e => e.Type == type).Select(e => (DateTime?)e.AtUtc).Min();
        return hit is { } at ? new Exposure(true, at) : new Exposure(false, c.Events.Min(e => e.AtUtc));
    }

    /// <summary>Customers with a measured promise: affected at the first late one, the others at their first on-time one.</summary>
    private static Exposure? PromiseMissed(FrictionCustomer c)
    {
        var measured = c.Events.Where(e => e.DaysLate is not null).OrderBy(e => e.AtUtc).ToList();
        if (measured.Count == 0) return null;
        var late = measured.FirstOrDefault(e => e.DaysLate > 0);
        return late.Type is not null ? new Exposure(true, late.AtUtc) : new Exposure(false, measured[0].AtUtc);
    }

    /// <summary>Customers who contacted support: affected at the second contact about the same thing, the others at their first.</summary>
    private static Exposure? RepeatContact(FrictionCustomer c)
    {
        var contacts = c.Events.Where(e => e.Type == ContactType).OrderBy(e => e.AtUtc).ToList();
        if (contacts.Count == 0) return null;
        var seen = new HashSet<string>();
        foreach (var e in contacts)
            if (e.About is { Length: > 0 } about && !seen.Add(about)) return new Exposure(true, e.AtUtc);
        return new Exposure(false, contacts[0].AtUtc);
    }

    /// <summary>Customers who reached the first stage: affected when the target passed, the others when they reached the second stage.</summary>
    private static Exposure? OverTarget(FrictionCustomer c, JourneyDefinition journey, StageTarget target)
    {
        DateTime? First(string stage)
        {
            var types = journey.Stages[journey.IndexOf(stage)].Touchpoints.Select(t => t.EventType).ToHashSet();
            return c.Events.Where(e => types.Contains(e.Type)).Select(e => (DateTime?)e.AtUtc).Min();
        }
        if (First(target.FromStage) is not { } from) return null;
        var deadline = from.AddDays(target.MaxDays);
        var to = First(target.ToStage);
        if (to is { } reached && reached <= deadline) return new Exposure(false, reached);
        return new Exposure(true, deadline);
    }

    private static Exposure? Repeated(FrictionCustomer c, string type)
    {
        var times = c.Events.Where(e => e.Type == type).Select(e => e.AtUtc).Order().Take(2).ToList();
        return times.Count switch { 0 => null, 1 => new Exposure(false, times[0]), _ => new Exposure(true, times[1]) };
    }

    private static long MainOwner(JourneyStage stage) =>
        stage.Touchpoints.GroupBy(t => t.OwnerTeamId).OrderByDescending(g => g.Count()).First().Key;

    private static string Title(string key) => key.Length == 0 ? key : char.ToUpperInvariant(key[0]) + key[1..];
}
