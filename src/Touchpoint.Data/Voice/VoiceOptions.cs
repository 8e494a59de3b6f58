using Microsoft.Extensions.Configuration;

namespace Touchpoint.Data.Voice;

/// <summary>
/// Settings of the Voice feature (section <c>Voice</c>; see docs/voice.md): contact limits, quiet hours, public base
/// address of survey links, the CSAT survey sent after a ticket is solved, and which team owns each touchpoint.
/// </summary>
public sealed record VoiceOptions
{
    /// <summary>No customer gets more than one survey invitation in this many days, across all surveys.</summary>
    public int ContactLimitDays { get; init; } = 14;
    /// <summary>Quiet hours in the customer's local time: no invitation is sent from QuietFrom until QuietUntil.</summary>
    public TimeOnly QuietFrom { get; init; } = new(21, 0);
    public TimeOnly QuietUntil { get; init; } = new(8, 0);
    /// <summary>Time zone of customers without a <c>time_zone</c> attribute (the workspace's, Touchpoint:TimeZone).</summary>
    public string DefaultTimeZone { get; init; } = "Europe/Lisbon";
    /// <summary>Scheme and host put in front of /s/{token} in emails, e.g. https://touchpoint.example.com.</summary>
    public string PublicBaseUrl { get; init; } = "http://localhost:5180";
    /// <summary>The survey sent after a ticket is solved; when unset, the first live CSAT survey.</summary>
    public long? TicketSolvedSurveyId { get; init; }
    /// <summary>Touchpoint (journey stage) → owner team name for closed-loop follow-ups; others go to <see cref="DefaultOwnerTeam"/>.</summary>
    public Dictionary<string, string> Owners { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public string DefaultOwnerTeam { get; init; } = "Support";
    /// <summary>From address of survey and outreach email not tied to a ticket; else the first mailbox's.</summary>
    public string? MailFrom { get; init; }
    /// <summary>Shared secret the host site signs identified widget visitors with (hex HMAC-SHA256 of the external id); unset: widget answers are anonymous.</summary>
    public string? WidgetSecret { get; init; }
    /// <summary>How often the trigger runner looks for due work.</summary>
    public TimeSpan TriggerInterval { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>Events older than this beyond their delay are not surveyed (an old import must not flood customers).</summary>
    public TimeSpan TriggerMaxLateness { get; init; } = TimeSpan.FromDays(7);

    public static VoiceOptions From(IConfiguration config)
    {
        var s = config.GetSection("Voice");
        var o = new VoiceOptions();
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in s.GetSection("Owners").GetChildren()) if (!string.IsNullOrWhiteSpace(c.Value)) owners[c.Key] = c.Value.Trim();
        return o with
        {
            ContactLimitDays = int.TryParse(s["ContactLimitDays"], out var days) && days >= 0 ? days : o.ContactLimitDays,
            QuietFrom = TimeOnly.TryParse(s["QuietFrom"], System.Globalization.CultureInfo.InvariantCulture, out var qf) ? qf : o.QuietFrom,
            QuietUntil = TimeOnly.TryParse(s["QuietUntil"], System.Globalization.CultureInfo.InvariantCulture, out var qu) ? qu : o.QuietUntil,
            DefaultTimeZone = config["Touchpoint:TimeZone"] is { Length: > 0 } z ? z : o.DefaultTimeZone,
            PublicBaseUrl = s["PublicBaseUrl"] is { Length: > 0 } u ? u.TrimEnd('/') : o.PublicBaseUrl,
            TicketSolvedSurveyId = long.TryParse(s["TicketSolvedSurveyId"], out var sid) ? sid : null,
            Owners = owners,
            DefaultOwnerTeam = s["DefaultOwnerTeam"] is { Length: > 0 } t ? t : o.DefaultOwnerTeam,
            MailFrom = s["MailFrom"] is { Length: > 0 } mf ? mf.Trim() : null,
            WidgetSecret = s["WidgetSecret"] is { Length: > 0 } ws ? ws : null,
            TriggerInterval = TimeSpan.TryParse(s["TriggerInterval"], System.Globalization.CultureInfo.InvariantCulture, out var ti) && ti > TimeSpan.Zero ? ti : o.TriggerInterval,
        };
    }

    /// <summary>The customer's zone from the <c>time_zone</c> (or <c>timezone</c>) attribute, else the default; unknown ids fall back too.</summary>
    public TimeZoneInfo ZoneFor(string? attributesJson)
    {
        string? id = null;
        if (!string.IsNullOrEmpty(attributesJson) && attributesJson != "{}")
        {
            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(attributesJson);
                foreach (var name in new[] { "time_zone", "timezone", "timeZone" })
                    if (doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String) { id = v.GetString(); break; }
            }
            catch (System.Text.Json.JsonException) { }
        }
        foreach (var candidate in new[] { id, DefaultTimeZone, "UTC" })
            if (candidate is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(candidate, out var zone)) return zone;
        return TimeZoneInfo.Utc;
    }

    /// <summary>The first moment at or after <paramref name="utc"/> outside quiet hours in <paramref name="zone"/>.</summary>
    public DateTime NextAllowed(DateTime utc, TimeZoneInfo zone)
    {
        if (QuietFrom == QuietUntil) return utc;
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        var t = TimeOnly.FromDateTime(local);
        var quiet = QuietFrom < QuietUntil ? t >= QuietFrom && t < QuietUntil : t >= QuietFrom || t < QuietUntil;
        if (!quiet) return utc;
        var day = DateOnly.FromDateTime(local);
        if (QuietFrom > QuietUntil && t >= QuietFrom) day = day.AddDays(1);
        var wake = day.ToDateTime(QuietUntil, DateTimeKind.Unspecified);
        // A wake-up time that falls in a DST gap moves an hour on.
        if (zone.IsInvalidTime(wake)) wake = wake.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(wake, zone);
    }
}
