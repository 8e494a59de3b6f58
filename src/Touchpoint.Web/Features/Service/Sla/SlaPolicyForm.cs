using System.Globalization;
using Touchpoint.Domain.Service.Sla;

namespace Touchpoint.Web.Features.Service.Sla;

/// <summary>
/// The Settings page's editable copy of a policy: targets in hours (what people think in), lists as check boxes
/// and comma-separated text. <see cref="ToDraft"/> gives the API's shape; the API's rules judge it.
/// </summary>
public sealed class SlaPolicyForm
{
    public static readonly string[] Priorities = ["urgent", "high", "normal", "low"];

    public long? Id { get; set; }
    public string? Name { get; set; }
    public HashSet<string> WhenPriorities { get; } = [];
    public HashSet<string> WhenSegments { get; } = new(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> WhenChannels { get; } = [];
    public HashSet<long> WhenTeams { get; } = [];

    /// <summary>priority → [first response, next response, resolution] in hours; null: no target.</summary>
    public Dictionary<string, double?[]> Hours { get; } = Priorities.ToDictionary(p => p, _ => new double?[3]);

    public string? TimeZone { get; set; }
    public string? BusinessHours { get; set; }
    public string? Holidays { get; set; }
    public int? WarnPercent { get; set; }
    public int? WarnMinutesBefore { get; set; }
    public ActionsForm OnWarning { get; } = new();
    public ActionsForm OnBreach { get; } = new();

    public sealed class ActionsForm
    {
        public bool Notify { get; set; }
        public bool RaisePriority { get; set; }
        public long? TeamId { get; set; }
        public string? AddTag { get; set; }

        public SlaActions? ToActions() => new SlaActions { Notify = Notify, RaisePriority = RaisePriority, TeamId = TeamId, AddTag = string.IsNullOrWhiteSpace(AddTag) ? null : AddTag } is { IsEmpty: false } a ? a : null;

        public void Load(SlaActions? a)
        {
            Notify = a?.Notify ?? false;
            RaisePriority = a?.RaisePriority ?? false;
            TeamId = a?.TeamId;
            AddTag = a?.AddTag;
        }
    }

    public static SlaPolicyForm From(SlaPolicyDto p)
    {
        var f = new SlaPolicyForm { Id = p.Id, Name = p.Name };
        f.WhenPriorities.UnionWith(p.Conditions.Priorities ?? []);
        f.WhenSegments.UnionWith(p.Conditions.Segments ?? []);
        f.WhenChannels.UnionWith(p.Conditions.Channels ?? []);
        f.WhenTeams.UnionWith(p.Conditions.TeamIds ?? []);
        foreach (var (priority, t) in p.Targets)
            if (f.Hours.TryGetValue(priority, out var h)) { h[0] = ToHours(t.FirstResponse); h[1] = ToHours(t.NextResponse); h[2] = ToHours(t.Resolution); }
        f.TimeZone = p.Calendar.TimeZone;
        f.BusinessHours = p.Calendar.BusinessHours;
        f.Holidays = string.Join(", ", p.Calendar.Holidays ?? []);
        f.WarnPercent = p.Warning?.Percent;
        f.WarnMinutesBefore = p.Warning?.MinutesBefore;
        f.OnWarning.Load(p.OnWarning);
        f.OnBreach.Load(p.OnBreach);
        return f;
    }

    /// <summary>A new policy starts from the default's targets, so only what differs has to be typed.</summary>
    public static SlaPolicyForm New()
    {
        var f = new SlaPolicyForm();
        foreach (var (priority, t) in SlaPolicyDrafts.Default.Targets!)
            f.Hours[priority] = [ToHours(t.FirstResponse), ToHours(t.NextResponse), ToHours(t.Resolution)];
        return f;
    }

    public SlaPolicyDraft ToDraft(int? position) => new()
    {
        Name = Name,
        Position = position,
        Conditions = new SlaConditions
        {
            Priorities = WhenPriorities.Count > 0 ? WhenPriorities.ToList() : null,
            Segments = WhenSegments.Count > 0 ? WhenSegments.ToList() : null,
            Channels = WhenChannels.Count > 0 ? WhenChannels.ToList() : null,
            TeamIds = WhenTeams.Count > 0 ? WhenTeams.ToList() : null,
        },
        Targets = Hours.Where(h => h.Value.Any(v => v is not null)).ToDictionary(h => h.Key, h => new SlaTargetMinutes
        {
            FirstResponse = ToMinutes(h.Value[0]), NextResponse = ToMinutes(h.Value[1]), Resolution = ToMinutes(h.Value[2]),
        }),
        Calendar = new SlaCalendarInput
        {
            TimeZone = TimeZone, BusinessHours = BusinessHours,
            Holidays = (Holidays ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        },
        Warning = WarnPercent is null && WarnMinutesBefore is null ? null : new SlaWarning { Percent = WarnPercent, MinutesBefore = WarnMinutesBefore },
        OnWarning = OnWarning.ToActions(),
        OnBreach = OnBreach.ToActions(),
    };

    private static double? ToHours(int? minutes) => minutes is { } m ? Math.Round(m / 60.0, 2) : null;

    // Rounded, not truncated: 0.1 h is 6 minutes, and a typed 0 or a negative number reaches the rules as it is.
    private static int? ToMinutes(double? hours) => hours is { } h ? (int)Math.Round(h * 60, MidpointRounding.AwayFromZero) : null;

    /// <summary>"urgent 1 / 2 / 8 h" lines for the list.</summary>
    public static string TargetsText(IReadOnlyDictionary<string, SlaTargetMinutes> targets, string priority) =>
        targets.TryGetValue(priority, out var t)
            ? $"{H(t.FirstResponse)} / {H(t.NextResponse)} / {H(t.Resolution)}"
            : "no targets";

    private static string H(int? minutes) => minutes is { } m ? (m / 60.0).ToString("0.##", CultureInfo.InvariantCulture) + " h" : "–";
}
