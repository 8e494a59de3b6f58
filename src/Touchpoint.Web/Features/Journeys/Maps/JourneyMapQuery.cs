using Touchpoint.Data.Analytics;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Journeys;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys.Friction;
using Touchpoint.Domain.Journeys.Maps;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Web.Features.Journeys.Maps;

/// <summary>A friction marker on the map: a significant NPS friction finding attached to a touchpoint or a stage.</summary>
public sealed record MapMarker(string Key, string Label, double NpsEffect, int Affected);

public sealed record MapTouchpoint(string EventType, string OwnerTeam, long Events, long Customers, IReadOnlyList<MapMarker> Friction);

/// <summary>A stage column: its touchpoints, NPS and CSAT of the answers asked at the stage, and its derived friction.</summary>
public sealed record MapStage(string Key, string Name, long Customers, NpsResult Nps, (int Satisfied, int Answers) Csat, IReadOnlyList<MapTouchpoint> Touchpoints, IReadOnlyList<MapMarker> Friction);

public sealed record JourneyMap(SavedJourney Journey, IReadOnlyList<MapStage> Stages);

/// <summary>
/// The journey map, live from the store: volumes per touchpoint type, satisfaction per stage (answers whose survey
/// was asked at that stage, by ScoreMetrics), and friction markers from <see cref="FrictionReport"/> on NPS.
/// </summary>
public static class JourneyMapQuery
{
    public static async Task<JourneyMap?> LoadAsync(TouchpointDb db, FrictionReportCache frictionReports, long id, CancellationToken ct)
    {
        var journey = await JourneyCatalog.GetAsync(db, id, null, ct);
        if (journey is null) return null;
        var d = journey.Definition;
        var types = d.Stages.SelectMany(s => s.Touchpoints).Select(t => t.EventType).ToList();
        var volumes = await db.Events.AsNoTracking().Where(e => types.Contains(e.Type)).GroupBy(e => e.Type)
            .Select(g => new { Type = g.Key, Events = g.LongCount(), Customers = g.Select(e => e.CustomerId).Distinct().LongCount() })
            .ToDictionaryAsync(x => x.Type, ct);
        var stageCustomers = new Dictionary<string, long>();
        foreach (var s in d.Stages)
        {
            var st = s.Touchpoints.Select(t => t.EventType).ToList();
            stageCustomers[s.Key] = await db.Events.AsNoTracking().Where(e => st.Contains(e.Type)).Select(e => e.CustomerId).Distinct().LongCountAsync(ct);
        }
        var answers = await (from r in db.SurveyResponses.AsNoTracking()
                             join s in db.Surveys.AsNoTracking() on r.SurveyId equals s.Id
                             where r.Score != null && r.Touchpoint != null
                             select new { r.Touchpoint, s.Kind, Score = r.Score!.Value }).ToListAsync(ct);
        var teams = await JourneyDefinitionsApi.TeamNamesAsync(db, ct);
        var friction = (await frictionReports.GetAsync(id, new FrictionOptions(), FrictionReportCache.PageMaxAge, ct)).Report;
        var markers = (friction?.Findings ?? []).Select(r => r.Finding).Where(f => f.Outcome == FrictionOutcome.Nps && f.IsFriction).ToList();
        static MapMarker M(FrictionFinding f) => new(f.Key, f.Label, f.Effect!.Difference, f.Affected);

        var stages = d.Stages.Select(s =>
        {
            var typesHere = s.Touchpoints.Select(t => t.EventType).ToHashSet();
            var derived = markers.Where(f => f.Kind != FrictionKind.Touchpoint && StageOf(d, f) == s.Key).Select(M).ToList();
            return new MapStage(s.Key, s.Name, stageCustomers[s.Key],
                ScoreMetrics.Nps(answers.Where(a => a.Touchpoint == s.Key && a.Kind == SurveyKind.Nps).Select(a => a.Score)),
                ScoreMetrics.Csat(answers.Where(a => a.Touchpoint == s.Key && a.Kind == SurveyKind.Csat).Select(a => a.Score)),
                s.Touchpoints.Select(t => new MapTouchpoint(t.EventType, teams.GetValueOrDefault(t.OwnerTeamId, "(no owner)"),
                    volumes.TryGetValue(t.EventType, out var v) ? v.Events : 0, v?.Customers ?? 0,
                    markers.Where(f => f.Key == $"touchpoint:{t.EventType}").Select(M).ToList())).ToList(),
                derived);
        }).ToList();
        return new JourneyMap(journey, stages);
    }

    /// <summary>The stage a derived condition belongs on: where its touchpoint is, or the stage a target leads to.</summary>
    private static string? StageOf(JourneyDefinition d, FrictionFinding f) => f.Kind switch
    {
        FrictionKind.PromiseMissed => d.StageOf("order.delivered")?.Key,
        FrictionKind.RepeatContact => d.StageOf(FrictionConditions.ContactType)?.Key,
        FrictionKind.OverTarget => f.Key.Split(':').Last(),
        FrictionKind.RepeatedStep => d.StageOf(f.Key["repeated:".Length..])?.Key,
        _ => null,
    };
}
