namespace Touchpoint.Domain.Journeys.Friction;

/// <summary>
/// The reference meaning of each <see cref="FrictionRule"/> over one customer's events. Ties in time are broken by
/// the order of <see cref="FrictionCustomer.Events"/> (the store's id order), which engines reproduce with (time, id).
/// </summary>
public static class FrictionRules
{
    public static Exposure? Expose(FrictionRule rule, FrictionCustomer c) => rule switch
    {
        HadTouchpoint r => FirstOf(c, r.Type),
        PromiseMissed => Promise(c),
        RepeatContact r => Repeat(c, r.ContactType),
        OverTarget r => Overrun(c, r),
        RepeatedStep r => Repeated(c, r.Type),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown friction rule"),
    };

    private static Exposure? FirstOf(FrictionCustomer c, string type)
    {
        if (c.Events.Count == 0) return null;
        var hit = c.Events.Where(e => e.Type == type).Select(e => (DateTime?)e.AtUtc).Min();
        return hit is { } at ? new Exposure(true, at) : new Exposure(false, c.Events.Min(e => e.AtUtc));
    }

    private static Exposure? Promise(FrictionCustomer c)
    {
        var measured = c.Events.Where(e => e.DaysLate is not null).OrderBy(e => e.AtUtc).ToList();
        if (measured.Count == 0) return null;
        var late = measured.FirstOrDefault(e => e.DaysLate > 0);
        return late.Type is not null ? new Exposure(true, late.AtUtc) : new Exposure(false, measured[0].AtUtc);
    }

    private static Exposure? Repeat(FrictionCustomer c, string contactType)
    {
        var contacts = c.Events.Where(e => e.Type == contactType).OrderBy(e => e.AtUtc).ToList();
        if (contacts.Count == 0) return null;
        var seen = new HashSet<string>();
        foreach (var e in contacts)
            if (e.About is { Length: > 0 } about && !seen.Add(about)) return new Exposure(true, e.AtUtc);
        return new Exposure(false, contacts[0].AtUtc);
    }

    private static Exposure? Overrun(FrictionCustomer c, OverTarget rule)
    {
        DateTime? First(IReadOnlyList<string> types) => c.Events.Where(e => types.Contains(e.Type)).Select(e => (DateTime?)e.AtUtc).Min();
        if (First(rule.FromTypes) is not { } from) return null;
        var deadline = from.AddDays(rule.MaxDays);
        var to = First(rule.ToTypes);
        if (to is { } reached && reached <= deadline) return new Exposure(false, reached);
        return new Exposure(true, deadline);
    }

    private static Exposure? Repeated(FrictionCustomer c, string type)
    {
        var times = c.Events.Where(e => e.Type == type).Select(e => e.AtUtc).Order().Take(2).ToList();
        return times.Count switch { 0 => null, 1 => new Exposure(false, times[0]), _ => new Exposure(true, times[1]) };
    }
}
