using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Analytics;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys.Friction;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Journeys;

/// <summary>A finding with its owner's name, as the API, CLI and page show it.</summary>
public sealed record FrictionRow(FrictionFinding Finding, string OwnerTeam);

/// <summary>The friction analysis of one journey version over the whole store; <see cref="EndUtc"/> is the latest event.</summary>
public sealed record FrictionReportResult(long JourneyId, string Journey, int Version, DateTime EndUtc, int Customers, IReadOnlyList<FrictionRow> Findings);

/// <summary>
/// The friction report of a journey. <see cref="RunAsync"/> is the product's path: the analytics engine
/// (<see cref="IJourneyAnalytics.FrictionAsync"/>, DuckDB on one machine) measures every condition × outcome over the
/// whole history and <see cref="FrictionAnalysis.Finding"/> turns the measures into effects and ranks.
/// <see cref="ReferenceAsync"/> answers the same from the row store in memory with <see cref="FrictionAnalysis.Run"/>
/// (a few hundred bytes per event): the meaning the engine is tested against, and the benchmark's baseline.
/// </summary>
public static class FrictionReport
{
    public static async Task<FrictionReportResult?> RunAsync(TouchpointDb db, IJourneyAnalytics engine, long? journeyId, FrictionOptions options, CancellationToken ct)
    {
        if (await JourneyCatalog.GivenOrFirstAsync(db, journeyId, ct) is not { } journey) return null;
        var conditions = FrictionConditions.For(journey.Definition, await engine.EventTypesAsync(ct));
        var measured = await engine.FrictionAsync(conditions, options, ct);
        if (measured.EndUtc is not { } end) return new FrictionReportResult(journey.Id, journey.Name, journey.Version, DateTime.UtcNow, 0, []);
        var findings = FrictionAnalysis.Rank(conditions.SelectMany(c => Enum.GetValues<FrictionOutcome>().Select(o =>
            FrictionAnalysis.Finding(c, o, measured.Measures[(c.Key, o)], options))));
        return await WithOwnersAsync(db, journey, end, measured.Customers, findings, ct);
    }

    public static async Task<FrictionReportResult?> ReferenceAsync(TouchpointDb db, long? journeyId, FrictionOptions options, CancellationToken ct)
    {
        if (await JourneyCatalog.GivenOrFirstAsync(db, journeyId, ct) is not { } journey) return null;
        var events = new Dictionary<long, List<FrictionEvent>>();
        // Id order: ties in time are broken the way the engine breaks them, by id.
        var rows = db.Events.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new { e.CustomerId, e.Type, e.OccurredAtUtc, e.Value, Props = e.Type == "order.delivered" || e.Type == "ticket.created" ? e.PropertiesJson : null })
            .AsAsyncEnumerable();
        await foreach (var e in rows.WithCancellation(ct))
        {
            if (!events.TryGetValue(e.CustomerId, out var list)) events[e.CustomerId] = list = [];
            var (daysLate, about) = Read(e.Type, e.Props);
            list.Add(new FrictionEvent(e.Type, e.OccurredAtUtc, e.Value, daysLate, about));
        }
        // Completed answers only: a partly answered survey may still change its score.
        var answers = (await (from r in db.SurveyResponses.AsNoTracking()
                              join s in db.Surveys.AsNoTracking() on r.SurveyId equals s.Id
                              where r.CustomerId != null && r.Score != null && r.CompletedAtUtc != null && (s.Kind == SurveyKind.Nps || s.Kind == SurveyKind.Csat)
                              orderby r.Id
                              select new { r.CustomerId, s.Kind, r.Score, r.AnsweredAtUtc }).ToListAsync(ct))
            .ToLookup(a => a.CustomerId!.Value, a => new FrictionAnswer(a.Kind == SurveyKind.Nps ? AnswerScale.Nps : AnswerScale.Csat, a.Score!.Value, a.AnsweredAtUtc));

        var customers = events.Select(kv => new FrictionCustomer(kv.Key, kv.Value, answers[kv.Key].ToList())).ToList();
        if (customers.Count == 0) return new FrictionReportResult(journey.Id, journey.Name, journey.Version, DateTime.UtcNow, 0, []);
        var end = customers.Max(c => c.Events.Max(e => e.AtUtc));
        var conditions = FrictionConditions.For(journey.Definition, customers.SelectMany(c => c.Events.Select(e => e.Type)).Distinct());
        return await WithOwnersAsync(db, journey, end, customers.Count, FrictionAnalysis.Run(customers, conditions, end, options), ct);
    }

    private static async Task<FrictionReportResult> WithOwnersAsync(TouchpointDb db, SavedJourney journey, DateTime end, int customers,
        IReadOnlyList<FrictionFinding> findings, CancellationToken ct)
    {
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return new FrictionReportResult(journey.Id, journey.Name, journey.Version, end, customers,
            findings.Select(f => new FrictionRow(f, teams.GetValueOrDefault(f.OwnerTeamId, "(no owner)"))).ToList());
    }

    /// <summary>days_late of a delivery against its promise; topic (else order_id) of a contact.</summary>
    private static (double? DaysLate, string? About) Read(string type, string? json)
    {
        if (json is null) return (null, null);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null);
            if (type == "order.delivered")
                return (root.TryGetProperty("days_late", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : null, null);
            var about = root.TryGetProperty("topic", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
                : root.TryGetProperty("order_id", out var o) && o.ValueKind != JsonValueKind.Null ? o.ToString() : null;
            return (null, about);
        }
        catch (JsonException)
        {
            return (null, null); // stored properties are validated on intake; a malformed one only loses its detail here
        }
    }
}
