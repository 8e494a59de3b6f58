using System.Globalization;

namespace Touchpoint.Domain.Service.Metrics;

/// <summary>
/// One stretch of opening hours on a weekday, in local wall-clock time: from <see cref="Open"/> to
/// <see cref="Close"/>, with 0 &lt;= Open &lt; Close &lt;= 24:00 (24:00 means "until midnight").
/// </summary>
public sealed record OpeningHours(DayOfWeek Day, TimeSpan Open, TimeSpan Close)
{
    public static OpeningHours Create(DayOfWeek day, TimeSpan open, TimeSpan close) =>
        open < TimeSpan.Zero || close > TimeSpan.FromHours(24) || open >= close
            ? throw new ArgumentException($"Opening hours {open:hh\\:mm}-{close:hh\\:mm} on {day} must satisfy 00:00 <= open < close <= 24:00.")
            : new OpeningHours(day, open, close);

    // Declared before the schedules below, which are parsed during static initialisation.
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>Mon-Fri 09:00-18:00, the workspace default.</summary>
    public static IReadOnlyList<OpeningHours> OfficeWeek { get; } = Parse("mon-fri 09:00-18:00");

    /// <summary>Every hour of every day: with a UTC calendar this turns business time into calendar time.</summary>
    public static IReadOnlyList<OpeningHours> AllWeek { get; } = Parse("mon-sun 00:00-24:00");

    /// <summary>
    /// Reads a weekly schedule such as <c>mon-fri 09:00-13:00,14:00-18:00; sat 10:00-14:00</c>: groups separated by
    /// ';', each a day or day range (mon..sun, ranges may wrap: fri-mon) and one or more comma-separated intervals.
    /// </summary>
    public static IReadOnlyList<OpeningHours> Parse(string schedule)
    {
        var result = new List<OpeningHours>();
        foreach (var group in schedule.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = group.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length != 2) throw new FormatException($"'{group}' is not '<days> <hh:mm-hh:mm>[,...]'.");
            var days = Days(parts[0]);
            foreach (var interval in parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var ends = interval.Split('-', StringSplitOptions.TrimEntries);
                if (ends.Length != 2) throw new FormatException($"'{interval}' is not 'hh:mm-hh:mm'.");
                var (open, close) = (Clock(ends[0]), Clock(ends[1]));
                foreach (var d in days) result.Add(Create(d, open, close));
            }
        }
        return result;
    }

    private static List<DayOfWeek> Days(string text)
    {
        var ends = text.ToLowerInvariant().Split('-');
        var first = DayNamed(ends[0]);
        var last = ends.Length == 2 ? DayNamed(ends[1]) : ends.Length == 1 ? first : throw new FormatException($"'{text}' is not a day or day range.");
        var days = new List<DayOfWeek> { first };
        for (var d = first; d != last; ) days.Add(d = (DayOfWeek)(((int)d + 1) % 7));
        return days;
    }

    private static DayOfWeek DayNamed(string name)
    {
        var i = Array.IndexOf(DayNames, name.Length >= 3 ? name[..3] : name);
        return i >= 0 ? (DayOfWeek)i : throw new FormatException($"'{name}' is not a weekday (mon, tue, wed, thu, fri, sat, sun).");
    }

    private static TimeSpan Clock(string text)
    {
        if (text == "24:00") return TimeSpan.FromHours(24);
        return TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out var t) && t < TimeSpan.FromHours(24)
            ? t : throw new FormatException($"'{text}' is not a time hh:mm between 00:00 and 24:00.");
    }
}
