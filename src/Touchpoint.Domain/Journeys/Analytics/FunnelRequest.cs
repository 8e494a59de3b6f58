using System.Globalization;
using System.Text.RegularExpressions;
namespace Touchpoint.Domain.Journeys.Analytics;

public sealed record FunnelStepRequest(string? EventType, Dictionary<string, string>? Properties = null, bool Optional = false, string? Label = null);

public sealed record FunnelExclusionRequest(string? EventType, int FromStep, int ToStep, Dictionary<string, string>? Properties = null);

/// <summary>
/// A funnel as people write it (body of POST /api/v1/journeys/funnels, options of `touchpoint analytics funnel`). window: "30m", "24h", "7d" or "2w"; mode: ordered (default), strict or
/// unordered; breakdown: segment, channel or property:NAME; breakdownAttribution: first_touch (default), last_touch or
/// step:N (1-based) for channel and property breakdowns; from/to (ISO 8601 with offset) limit where attempts start.
/// </summary>
public sealed partial record FunnelRequest(
    IReadOnlyList<FunnelStepRequest>? Steps,
    string? Window,
    string? Mode = null,
    IReadOnlyList<FunnelExclusionRequest>? Exclusions = null,
    string? Breakdown = null,
    string? From = null,
    string? To = null,
    int? BreakdownLimit = null,
    string? BreakdownAttribution = null)
{
    [GeneratedRegex("^([0-9]+)\\s*([mhdw])$")]
    private static partial Regex WindowPattern();

    /// <summary>The domain definition, or the problems with the body, each naming its field.</summary>
    public (FunnelDefinition? Funnel, IReadOnlyList<FieldError> Errors) ToDefinition()
    {
        var errors = new List<FieldError>();
        if (Steps is null) errors.Add(new("steps", "is required"));
        var window = TimeSpan.Zero;
        var w = WindowPattern().Match(Window?.Trim().ToLowerInvariant() ?? "");
        if (!w.Success) errors.Add(new("window", "is required, as a number and a unit: 30m, 24h, 7d or 2w"));
        else
        {
            var n = long.Parse(w.Groups[1].Value, CultureInfo.InvariantCulture);
            window = w.Groups[2].Value switch { "m" => TimeSpan.FromMinutes(n), "h" => TimeSpan.FromHours(n), "d" => TimeSpan.FromDays(n), _ => TimeSpan.FromDays(7 * n) };
        }
        var order = FunnelOrder.Ordered;
        if (Mode is not null && !Enum.TryParse(Mode.Trim(), ignoreCase: true, out order) || !Enum.IsDefined(order))
            errors.Add(new("mode", "must be ordered, strict or unordered"));
        var breakdown = FunnelBreakdown.None;
        if (!string.IsNullOrWhiteSpace(Breakdown))
        {
            var b = Breakdown.Trim();
            if (b.Equals("segment", StringComparison.OrdinalIgnoreCase)) breakdown = new(FunnelBreakdownKind.Segment);
            else if (b.Equals("channel", StringComparison.OrdinalIgnoreCase)) breakdown = new(FunnelBreakdownKind.Channel);
            else if (b.StartsWith("property:", StringComparison.OrdinalIgnoreCase) && b.Length > 9) breakdown = new(FunnelBreakdownKind.Property, b[9..]);
            else errors.Add(new("breakdown", "must be segment, channel or property:NAME"));
        }
        if (!string.IsNullOrWhiteSpace(BreakdownAttribution))
        {
            var a = BreakdownAttribution.Trim().ToLowerInvariant();
            if (a == "first_touch") breakdown = breakdown with { Attribution = Analytics.BreakdownAttribution.FirstTouch };
            else if (a == "last_touch") breakdown = breakdown with { Attribution = Analytics.BreakdownAttribution.LastTouch };
            else if (a.StartsWith("step:", StringComparison.Ordinal) && int.TryParse(a[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step >= 1)
                breakdown = breakdown with { Attribution = Analytics.BreakdownAttribution.Step, Step = step - 1 };
            else errors.Add(new("breakdownAttribution", "must be first_touch, last_touch or step:N (N from 1)"));
        }
        var from = Time(From, "from", errors);
        var to = Time(To, "to", errors);
        if (errors.Count > 0) return (null, errors);
        var funnel = new FunnelDefinition
        {
            Steps = Steps!.Select(s => new FunnelStep(s.EventType?.Trim().ToLowerInvariant() ?? "", s.Properties, s.Optional, s.Label)).ToList(),
            Exclusions = (Exclusions ?? []).Select(x => new FunnelExclusion(x.EventType?.Trim().ToLowerInvariant() ?? "", x.FromStep, x.ToStep, x.Properties)).ToList(),
            Window = window,
            Order = order,
            Breakdown = breakdown,
            FromUtc = from,
            ToUtc = to,
            BreakdownLimit = BreakdownLimit ?? 25,
        };
        var problems = funnel.Validate();
        return problems.Count > 0 ? (null, problems) : (funnel, problems);
    }

    private static DateTime? Time(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (EventValidator.TryParseWithOffset(text, out var at, out var why)) return at.UtcDateTime;
        errors.Add(new(field, why));
        return null;
    }
}
