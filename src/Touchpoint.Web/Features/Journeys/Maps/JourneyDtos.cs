using Touchpoint.Data.Journeys;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Journeys.Maps;

namespace Touchpoint.Web.Features.Journeys.Maps;

public sealed record TouchpointInput(string? EventType, long? OwnerTeamId, bool Required = false, bool Repeatable = false);

public sealed record StageInput(string? Key, string? Name, IReadOnlyList<TouchpointInput>? Touchpoints);

public sealed record TargetInput(string? FromStage, string? ToStage, double? MaxDays);

/// <summary>Body of POST/PUT /api/v1/journeys/definitions: the whole definition; a PUT adds a version.</summary>
public sealed record JourneyInput(string? Name, string? Description, IReadOnlyList<StageInput>? Stages, IReadOnlyList<TargetInput>? Targets = null, string? TemplateKey = null)
{
    /// <summary>The domain definition; missing parts become empty values the rules then reject by field.</summary>
    public (JourneyDefinition Definition, IReadOnlyList<FieldError> Errors) ToDefinition()
    {
        var errors = new List<FieldError>();
        if (Stages is null) errors.Add(new("stages", "is required"));
        var stages = (Stages ?? []).Select((s, i) =>
        {
            if (s.Touchpoints is null) errors.Add(new($"stages[{i}].touchpoints", "is required"));
            return new JourneyStage(s.Key?.Trim() ?? "", s.Name?.Trim() ?? "",
                (s.Touchpoints ?? []).Select(t => new StageTouchpoint(t.EventType?.Trim() ?? "", t.OwnerTeamId ?? 0, t.Required, t.Repeatable)).ToList());
        }).ToList();
        var targets = (Targets ?? []).Select(t => new StageTarget(t.FromStage?.Trim() ?? "", t.ToStage?.Trim() ?? "", t.MaxDays ?? 0)).ToList();
        return (new JourneyDefinition(Name?.Trim() ?? "", Description?.Trim() ?? "", stages, targets), errors);
    }

    public static JourneyInput From(JourneyDefinition d, string? templateKey = null) => new(d.Name, d.Description,
        d.Stages.Select(s => new StageInput(s.Key, s.Name, s.Touchpoints.Select(t => new TouchpointInput(t.EventType, t.OwnerTeamId == 0 ? null : t.OwnerTeamId, t.Required, t.Repeatable)).ToList())).ToList(),
        d.Targets.Select(t => new TargetInput(t.FromStage, t.ToStage, t.MaxDays)).ToList(), templateKey);
}

public sealed record TouchpointView(string EventType, long OwnerTeamId, string OwnerTeam, bool Required, bool Repeatable);

public sealed record StageView(string Key, string Name, IReadOnlyList<TouchpointView> Touchpoints);

/// <summary>A journey as the API shows it: the definition of one version, owners with their team names.</summary>
public sealed record JourneyView(long Id, string Name, string Description, string? TemplateKey, int Version, int LatestVersion, DateTime SavedAt, string SavedBy,
    IReadOnlyList<StageView> Stages, IReadOnlyList<StageTarget> Targets)
{
    public static JourneyView From(SavedJourney j, IReadOnlyDictionary<long, string> teamNames) => new(j.Id, j.Name, j.Definition.Description, j.TemplateKey,
        j.Version, j.LatestVersion, j.SavedAtUtc, j.SavedBy,
        j.Definition.Stages.Select(s => new StageView(s.Key, s.Name, s.Touchpoints.Select(t =>
            new TouchpointView(t.EventType, t.OwnerTeamId, teamNames.GetValueOrDefault(t.OwnerTeamId, "(deleted team)"), t.Required, t.Repeatable)).ToList())).ToList(),
        j.Definition.Targets);
}

public sealed record JourneyVersionView(int Version, DateTime SavedAt, string SavedBy);

public sealed record TemplateView(string Key, string Name, string Description, int Stages);
