namespace Touchpoint.Domain.Journeys.Maps;

/// <summary>
/// What a company means by one of its journeys (shopper, subscriber, patient, ...): ordered stages, the touchpoint
/// types that belong to each, the team that owns each touchpoint, and how long a customer should take from one
/// stage to a later one. Stages run one way; going round again (a repeat order) is a repeated touchpoint, not a loop.
/// </summary>
public sealed record JourneyDefinition(string Name, string Description, IReadOnlyList<JourneyStage> Stages, IReadOnlyList<StageTarget> Targets)
{
    /// <summary>The stage a touchpoint type belongs to; null when the journey does not map it.</summary>
    public JourneyStage? StageOf(string eventType) => Stages.FirstOrDefault(s => s.Touchpoints.Any(t => t.EventType == eventType));

    public StageTouchpoint? TouchpointOf(string eventType) => Stages.SelectMany(s => s.Touchpoints).FirstOrDefault(t => t.EventType == eventType);

    public int IndexOf(string stageKey)
    {
        for (var i = 0; i < Stages.Count; i++) if (Stages[i].Key == stageKey) return i;
        return -1;
    }
}

/// <summary>One stage: a key used in targets and URLs ("delivery"), a display name, and its touchpoints.</summary>
public sealed record JourneyStage(string Key, string Name, IReadOnlyList<StageTouchpoint> Touchpoints);

/// <summary>
/// A touchpoint type within a stage and the team accountable for the experience there. Required touchpoints are
/// reported as missed when a customer got past the stage without them; touchpoints that are not repeatable are
/// reported as repeated when they happen twice (a second "where is my order?" ticket, a second payment attempt).
/// </summary>
public sealed record StageTouchpoint(string EventType, long OwnerTeamId, bool Required = false, bool Repeatable = false);

/// <summary>The longest a customer should take from first reaching one stage to first reaching a later one.</summary>
public sealed record StageTarget(string FromStage, string ToStage, double MaxDays);
