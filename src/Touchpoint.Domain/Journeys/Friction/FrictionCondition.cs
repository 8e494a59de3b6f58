using Touchpoint.Domain.Journeys.Maps;

namespace Touchpoint.Domain.Journeys.Friction;

public enum FrictionKind { Touchpoint, PromiseMissed, RepeatContact, OverTarget, RepeatedStep }

/// <summary>
/// Where a customer stands with respect to a condition: in the affected group or not, and the moment from which
/// "what happened next" is measured.
/// </summary>
public readonly record struct Exposure(bool Affected, DateTime AtUtc);

/// <summary>
/// What puts a customer in a condition's affected group, as data rather than code, so that an analytics engine can
/// translate it into its own query (DuckDbFrictionSql) and <see cref="FrictionRules.Expose"/> stays the reference
/// meaning both must give.
/// </summary>
public abstract record FrictionRule;

/// <summary>Affected at the first event of the type; everyone else from their first event of any type.</summary>
public sealed record HadTouchpoint(string Type) : FrictionRule;

/// <summary>Customers with a measured promise (days late known): affected at the first late one, others at their first.</summary>
public sealed record PromiseMissed : FrictionRule;

/// <summary>Customers who contacted support: affected at the second contact about the same thing, others at their first.</summary>
public sealed record RepeatContact(string ContactType) : FrictionRule;

/// <summary>Customers who reached the first stage: affected when the target passed, others when they reached the second stage.</summary>
public sealed record OverTarget(IReadOnlyList<string> FromTypes, IReadOnlyList<string> ToTypes, double MaxDays) : FrictionRule;

/// <summary>Customers with the type: affected at its second occurrence, others at their only one.</summary>
public sealed record RepeatedStep(string Type) : FrictionRule;

/// <summary>
/// A moment of the journey whose effect is measured: a touchpoint type, or a derived condition. <see cref="Expose"/>
/// returns null for customers the condition does not apply to (no delivery, no ticket, never reached the stage).
/// </summary>
public sealed record FrictionCondition(string Key, string Label, FrictionKind Kind, long OwnerTeamId, FrictionRule Rule)
{
    public Exposure? Expose(FrictionCustomer c) => FrictionRules.Expose(Rule, c);
}

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
            list.Add(new($"touchpoint:{type}", $"Had {type}", FrictionKind.Touchpoint, Owner(type), new HadTouchpoint(type)));
        }

        var promised = journey.Stages.SelectMany(s => s.Touchpoints).FirstOrDefault(t => t.EventType == "order.delivered")?.OwnerTeamId ?? 0;
        list.Add(new(PromiseMissedKey, "Promise missed (delivered later than promised)", FrictionKind.PromiseMissed, promised, new PromiseMissed()));
        list.Add(new(RepeatContactKey, "Contacted support again about the same thing", FrictionKind.RepeatContact, Owner(ContactType), new RepeatContact(ContactType)));

        foreach (var target in journey.Targets)
        {
            var from = journey.Stages[journey.IndexOf(target.FromStage)];
            var to = journey.Stages[journey.IndexOf(target.ToStage)];
            list.Add(new($"over_target:{target.FromStage}:{target.ToStage}", $"{Title(target.FromStage)} to {target.ToStage} took longer than {target.MaxDays:0.#} days",
                FrictionKind.OverTarget, MainOwner(to), new OverTarget(Types(from), Types(to), target.MaxDays)));
        }
        foreach (var t in journey.Stages.SelectMany(s => s.Touchpoints).Where(t => !t.Repeatable && t.EventType != ContactType))
            list.Add(new($"repeated:{t.EventType}", $"{t.EventType} happened more than once", FrictionKind.RepeatedStep, t.OwnerTeamId, new RepeatedStep(t.EventType)));
        return list;
    }

    private static IReadOnlyList<string> Types(JourneyStage stage) => stage.Touchpoints.Select(t => t.EventType).Distinct().ToList();

    private static long MainOwner(JourneyStage stage) =>
        stage.Touchpoints.GroupBy(t => t.OwnerTeamId).OrderByDescending(g => g.Count()).First().Key;

    private static string Title(string key) => key.Length == 0 ? key : char.ToUpperInvariant(key[0]) + key[1..];
}
