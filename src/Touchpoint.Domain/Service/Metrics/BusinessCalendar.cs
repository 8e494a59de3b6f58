namespace Touchpoint.Domain.Service.Metrics;

/// <summary>
/// When the service desk is open: weekly opening hours in a time zone, minus holidays. Business time between two
/// instants is the real elapsed time (to the tick) during which the desk was open, so a 09:00-18:00 day is 9 hours
/// on a daylight-saving day too, and an interval that spans the change (e.g. 00:00-24:00) is 23 or 25 hours long.
/// Wall-clock times that do not exist (the spring gap) open or close at the instant of the jump; times that occur
/// twice (the autumn overlap) open at their first occurrence and close at their second.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>Far enough to cross any run of holidays; a calendar that never opens in this span is rejected.</summary>
    private const int MaxSearchDays = 3 * 366;

    private readonly List<OpeningHours>[] _byDay = Enumerable.Range(0, 7).Select(_ => new List<OpeningHours>()).ToArray();
    private readonly HashSet<DateOnly> _holidays;

    public TimeZoneInfo Zone { get; }
    public IReadOnlyCollection<DateOnly> Holidays => _holidays;

    public BusinessCalendar(TimeZoneInfo zone, IEnumerable<OpeningHours> week, IEnumerable<DateOnly>? holidays = null)
    {
        Zone = zone;
        foreach (var h in week) _byDay[(int)h.Day].Add(OpeningHours.Create(h.Day, h.Open, h.Close));
        foreach (var day in _byDay)
        {
            day.Sort((a, b) => a.Open.CompareTo(b.Open));
            for (var i = 1; i < day.Count; i++)
                if (day[i].Open < day[i - 1].Close)
                    throw new ArgumentException($"Opening hours overlap on {day[i].Day}: {day[i - 1].Open:hh\\:mm}-{day[i - 1].Close:hh\\:mm} and {day[i].Open:hh\\:mm}-{day[i].Close:hh\\:mm}.");
        }
        if (_byDay.All(d => d.Count == 0)) throw new ArgumentException("A business calendar needs at least one opening interval.");
        _holidays = holidays?.ToHashSet() ?? [];
    }

    /// <summary>A calendar in an IANA time zone (e.g. "Europe/Lisbon").</summary>
    public static BusinessCalendar InZone(string ianaZone, IEnumerable<OpeningHours> week, IEnumerable<DateOnly>? holidays = null) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(ianaZone), week, holidays);

    /// <summary>Always open: business time equals calendar time.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = new(TimeZoneInfo.Utc, OpeningHours.AllWeek);

    /// <summary>Business time in [startUtc, endUtc); zero when end is not after start.</summary>
    public TimeSpan BusinessDuration(DateTime startUtc, DateTime endUtc)
    {
        if (endUtc <= startUtc) return TimeSpan.Zero;
        var total = TimeSpan.Zero;
        foreach (var (open, close) in OpenIntervals(LocalDate(startUtc).AddDays(-1), LocalDate(endUtc).AddDays(1)))
        {
            var a = open > startUtc ? open : startUtc;
            var b = close < endUtc ? close : endUtc;
            if (b > a) total += b - a;
        }
        return total;
    }

    /// <summary>The instant at which <paramref name="duration"/> of business time has passed since startUtc (a due date).</summary>
    public DateTime AddBusinessTime(DateTime startUtc, TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), "must not be negative");
        var remaining = duration;
        var first = LocalDate(startUtc).AddDays(-1);
        foreach (var (open, close) in OpenIntervals(first, first.AddDays(MaxSearchDays)))
        {
            if (close <= startUtc) continue;
            var from = open > startUtc ? open : startUtc;
            if (close - from >= remaining) return from + remaining;
            remaining -= close - from;
        }
        throw new InvalidOperationException($"The calendar is closed for {MaxSearchDays} days after {startUtc:O}.");
    }

    /// <summary>Whether the desk is open at this instant.</summary>
    public bool IsOpen(DateTime utc) => BusinessDuration(utc, utc.AddTicks(1)) > TimeSpan.Zero;

    /// <summary>Open intervals as UTC instants, in order, for local dates first..last inclusive, holidays skipped.</summary>
    private IEnumerable<(DateTime Open, DateTime Close)> OpenIntervals(DateOnly first, DateOnly last)
    {
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (_holidays.Contains(date)) continue;
            var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            foreach (var h in _byDay[(int)date.DayOfWeek])
            {
                var open = ToUtc(midnight + h.Open, firstOccurrence: true);
                var close = ToUtc(midnight + h.Close, firstOccurrence: false);
                if (close > open) yield return (open, close);
            }
        }
    }

    private DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Utc(utc), Zone));

    /// <summary>The UTC instant of a local wall-clock time, resolving the DST gap and overlap as the class comment says.</summary>
    internal DateTime ToUtc(DateTime local, bool firstOccurrence)
    {
        if (Zone.IsAmbiguousTime(local))
        {
            var offsets = Zone.GetAmbiguousTimeOffsets(local);
            var offset = firstOccurrence ? offsets.Max() : offsets.Min();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }
        if (!Zone.IsInvalidTime(local)) return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
        // Inside the spring gap: find the transition instant between the offsets before and after it.
        var before = Zone.GetUtcOffset(local.AddHours(-12));
        var after = Zone.GetUtcOffset(local.AddHours(12));
        var lo = DateTime.SpecifyKind(local - after, DateTimeKind.Utc);  // still before the jump
        var hi = DateTime.SpecifyKind(local - before, DateTimeKind.Utc); // already after it
        while (hi - lo > TimeSpan.FromTicks(1))
        {
            var mid = lo + (hi - lo) / 2;
            if (Zone.GetUtcOffset(mid) == after) hi = mid; else lo = mid;
        }
        return hi;
    }

    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
