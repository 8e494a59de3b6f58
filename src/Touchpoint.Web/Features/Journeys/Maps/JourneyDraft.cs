using System.Text.RegularExpressions;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Journeys.Maps;

namespace Touchpoint.Web.Features.Journeys.Maps;

/// <summary>
/// A journey definition while someone edits it on the page: mutable rows the form binds to, turned into a
/// <see cref="JourneyDefinition"/> only on save, so the rules (not the form) decide what is valid. Kept out of the
/// razor file so the conversions and the error wording can be read and tested without a browser.
/// </summary>
public sealed partial class JourneyDraft
{
    public sealed class TouchpointRow
    {
        public string EventType { get; set; } = "";
        public long OwnerTeamId { get; set; }
        public bool Required { get; set; }
        public bool Repeatable { get; set; }
    }

    public sealed class StageRow
    {
        public string Key { get; set; } = "";
        public string Name { get; set; } = "";
        public List<TouchpointRow> Touchpoints { get; set; } = [];
    }

    public sealed class TargetRow
    {
        public string FromStage { get; set; } = "";
        public string ToStage { get; set; } = "";
        public double? MaxDays { get; set; }
    }

    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public List<StageRow> Stages { get; set; } = [];
    public List<TargetRow> Targets { get; set; } = [];

    /// <summary>A blank journey: two empty stages, which is the least the rules accept.</summary>
    public static JourneyDraft Blank() => new()
    {
        Stages = [new() { Key = "first", Name = "First", Touchpoints = [new()] }, new() { Key = "second", Name = "Second", Touchpoints = [new()] }],
    };

    public static JourneyDraft From(JourneyDefinition d) => new()
    {
        Name = d.Name,
        Description = d.Description,
        Stages = d.Stages.Select(s => new StageRow
        {
            Key = s.Key, Name = s.Name,
            Touchpoints = s.Touchpoints.Select(t => new TouchpointRow { EventType = t.EventType, OwnerTeamId = t.OwnerTeamId, Required = t.Required, Repeatable = t.Repeatable }).ToList(),
        }).ToList(),
        Targets = d.Targets.Select(t => new TargetRow { FromStage = t.FromStage, ToStage = t.ToStage, MaxDays = t.MaxDays }).ToList(),
    };

    public JourneyDefinition ToDefinition() => new(Name.Trim(), Description.Trim(),
        Stages.Select(s => new JourneyStage(s.Key.Trim(), s.Name.Trim(),
            s.Touchpoints.Select(t => new StageTouchpoint(t.EventType.Trim(), t.OwnerTeamId, t.Required, t.Repeatable)).ToList())).ToList(),
        Targets.Select(t => new StageTarget(t.FromStage.Trim(), t.ToStage.Trim(), t.MaxDays ?? 0)).ToList());

    public void MoveStage(int index, int by)
    {
        var to = index + by;
        if (index < 0 || index >= Stages.Count || to < 0 || to >= Stages.Count) return;
        var s = Stages[index];
        Stages.RemoveAt(index);
        Stages.Insert(to, s);
    }

    /// <summary>A new stage with a key not used yet, so adding two in a row does not start with a duplicate error.</summary>
    public void AddStage()
    {
        var n = Stages.Count + 1;
        while (Stages.Any(s => s.Key == $"stage{n}")) n++;
        Stages.Add(new StageRow { Key = $"stage{n}", Name = $"Stage {n}", Touchpoints = [new()] });
    }

    [GeneratedRegex(@"^stages\[(\d+)\](?:\.touchpoints\[(\d+)\])?(?:\.(\w+))?$")]
    private static partial Regex StageField();

    [GeneratedRegex(@"^targets\[(\d+)\](?:\.(\w+))?$")]
    private static partial Regex TargetField();

    /// <summary>
    /// A rule's field error as a person reads it: "stages[2].touchpoints[0].ownerTeamId" becomes
    /// "Stage 3 (Delivery), touchpoint 1 (order.shipped), owner team: …", naming what the editor shows.
    /// </summary>
    public string Describe(FieldError e)
    {
        var field = StageField().Match(e.Field);
        if (field.Success)
        {
            var i = int.Parse(field.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var stage = i < Stages.Count ? Stages[i] : null;
            var where = $"Stage {i + 1}" + (stage is { Name.Length: > 0 } ? $" ({stage.Name.Trim()})" : "");
            if (field.Groups[2].Success)
            {
                var j = int.Parse(field.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                var type = stage is not null && j < stage.Touchpoints.Count ? stage.Touchpoints[j].EventType.Trim() : "";
                where += $", touchpoint {j + 1}" + (type.Length > 0 ? $" ({type})" : "");
            }
            return $"{where}{Part(field.Groups[3])}: {e.Message}.";
        }
        var target = TargetField().Match(e.Field);
        if (target.Success)
        {
            var i = int.Parse(target.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var t = i < Targets.Count ? Targets[i] : null;
            var where = $"Target {i + 1}" + (t is not null ? $" ({t.FromStage.Trim()} → {t.ToStage.Trim()})" : "");
            return $"{where}{Part(target.Groups[2])}: {e.Message}.";
        }
        return $"{Label(e.Field)}: {e.Message}.";
    }

    private static string Part(Group g) => g.Success ? ", " + Label(g.Value).ToLowerInvariant() : "";

    private static string Label(string field) => field switch
    {
        "ownerTeamId" => "Owner team",
        "eventType" => "Touchpoint type",
        "maxDays" => "Days",
        "fromStage" => "From stage",
        "toStage" => "To stage",
        "key" => "Key",
        "touchpoints" => "Touchpoints",
        _ => field.Length == 0 ? "" : char.ToUpperInvariant(field[0]) + field[1..],
    };
}
