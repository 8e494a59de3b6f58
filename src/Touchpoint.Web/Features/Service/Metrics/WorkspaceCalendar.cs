using Touchpoint.Domain.Service.Metrics;

namespace Touchpoint.Web.Features.Service.Metrics;

/// <summary>
/// The workspace's business calendar from configuration: <c>Touchpoint:TimeZone</c> (IANA, default Europe/Lisbon),
/// <c>Touchpoint:BusinessHours</c> (default "mon-fri 09:00-18:00") and <c>Touchpoint:Holidays</c> (local dates,
/// comma-separated). Built once per distinct setting, because finding a zone and parsing hours is not free.
/// </summary>
public static class WorkspaceCalendar
{
    public const string DefaultTimeZone = "Europe/Lisbon";
    public const string DefaultHours = "mon-fri 09:00-18:00";

    private static (string Key, BusinessCalendar Calendar)? _cached;

    public static BusinessCalendar From(IConfiguration config)
    {
        var zone = config["Touchpoint:TimeZone"] is { Length: > 0 } z ? z : DefaultTimeZone;
        var hours = config["Touchpoint:BusinessHours"] is { Length: > 0 } h ? h : DefaultHours;
        var holidays = config["Touchpoint:Holidays"] ?? "";
        var key = $"{zone}|{hours}|{holidays}";
        if (_cached is { } c && c.Key == key) return c.Calendar;
        var calendar = BusinessCalendar.InZone(zone, OpeningHours.Parse(hours),
            holidays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        _cached = (key, calendar);
        return calendar;
    }
}
