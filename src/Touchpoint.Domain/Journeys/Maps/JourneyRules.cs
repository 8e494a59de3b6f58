using System.Text.RegularExpressions;

namespace Touchpoint.Domain.Journeys.Maps;

/// <summary>
/// The rules a journey definition must satisfy, with field names the API and UI show next to the input
/// ("stages[2].touchpoints[0].ownerTeamId"). Checked before anything is stored, so a bad edit never replaces a good version.
/// </summary>
public static partial class JourneyRules
{
    public const int MaxStages = 20;
    public const int MaxTouchpointsPerStage = 50;

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,49}$")]
    private static partial Regex StageKey();

    [GeneratedRegex(@"^[a-z0-9_]+(\.[a-z0-9_]+)*$")]
    private static partial Regex EventType();

    public static IReadOnlyList<FieldError> Validate(JourneyDefinition d, IReadOnlySet<long> knownTeams)
    {
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));

        if (string.IsNullOrWhiteSpace(d.Name)) Add("name", "is required");
        else if (d.Name.Length > 100) Add("name", "is longer than 100 characters");
        if (d.Description.Length > 2000) Add("description", "is longer than 2000 characters");

        if (d.Stages.Count < 2) Add("stages", "a journey needs at least two stages");
        if (d.Stages.Count > MaxStages) Add("stages", $"a journey has at most {MaxStages} stages");

        var stageAt = new Dictionary<string, int>();
        var typeAt = new Dictionary<string, (int Stage, string Key)>();
        for (var i = 0; i < d.Stages.Count; i++)
        {
            var s = d.Stages[i];
            var f = $"stages[{i}]";
            if (!StageKey().IsMatch(s.Key ?? "")) Add($"{f}.key", "must be lower-case letters, digits, - or _, starting with a letter (at most 50)");
            else if (!stageAt.TryAdd(s.Key!, i)) Add($"{f}.key", $"duplicate stage '{s.Key}' (also stage {stageAt[s.Key!] + 1})");
            if (string.IsNullOrWhiteSpace(s.Name)) Add($"{f}.name", "is required");
            if (s.Touchpoints.Count == 0) Add($"{f}.touchpoints", "a stage needs at least one touchpoint type");
            if (s.Touchpoints.Count > MaxTouchpointsPerStage) Add($"{f}.touchpoints", $"a stage has at most {MaxTouchpointsPerStage} touchpoint types");
            for (var j = 0; j < s.Touchpoints.Count; j++)
            {
                var t = s.Touchpoints[j];
                var tf = $"{f}.touchpoints[{j}]";
                if (!EventType().IsMatch(t.EventType ?? "") || t.EventType!.Length > 100)
                    Add($"{tf}.eventType", "must be a dotted lower-case event type such as order.delivered");
                else if (typeAt.TryGetValue(t.EventType, out var other))
                    Add($"{tf}.eventType", other.Stage == i
                        ? $"'{t.EventType}' is listed twice in this stage"
                        : $"'{t.EventType}' already belongs to stage '{other.Key}': a touchpoint type belongs to one stage");
                else typeAt[t.EventType] = (i, s.Key ?? "");
                if (!knownTeams.Contains(t.OwnerTeamId)) Add($"{tf}.ownerTeamId", t.OwnerTeamId == 0 ? "every touchpoint needs an owner team" : $"no team has id {t.OwnerTeamId}");
            }
        }

        for (var i = 0; i < d.Targets.Count; i++)
        {
            var t = d.Targets[i];
            var f = $"targets[{i}]";
            var from = stageAt.TryGetValue(t.FromStage ?? "", out var a) ? a : -1;
            var to = stageAt.TryGetValue(t.ToStage ?? "", out var b) ? b : -1;
            if (from < 0) Add($"{f}.fromStage", $"no stage '{t.FromStage}' in this journey (missing stage)");
            if (to < 0) Add($"{f}.toStage", $"no stage '{t.ToStage}' in this journey (missing stage)");
            if (from >= 0 && to >= 0 && to <= from)
                Add($"{f}.toStage", to == from
                    ? $"a target from '{t.FromStage}' to itself is a cycle"
                    : $"'{t.ToStage}' comes before '{t.FromStage}': a target back to an earlier stage makes a cycle");
            if (!(t.MaxDays > 0 && t.MaxDays <= 3650)) Add($"{f}.maxDays", "must be more than 0 and at most 3650 days");
            if (from >= 0 && to >= 0 && d.Targets.Take(i).Any(p => p.FromStage == t.FromStage && p.ToStage == t.ToStage))
                Add(f, $"a target from '{t.FromStage}' to '{t.ToStage}' is already given");
        }
        return errors;
    }
}
